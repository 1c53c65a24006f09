/// A reply from a handset that ihuyi pushes (上行推送): who answered which batch, what, and when.
public struct IhuyiUplink: Codable, Sendable, Hashable {
    /// The `task_id` of the batch replied to, when the push names one.
    public var taskID: String?
    /// The number that replied.
    public var phone: String
    /// The reply's text.
    public var content: String
    /// The channel extension the reply came in on.
    public var destCode: String?
    /// The push's `send_time` (China time, as ihuyi sent it), when it has one.
    public var sendTime: String?
    /// When the reply was received (`receive_time`, China time as ihuyi sent it).
    public var receiveTime: String

    /// A reply from `phone` saying `content`.
    public init(
        taskID: String?, phone: String, content: String, destCode: String? = nil, sendTime: String? = nil,
        receiveTime: String
    ) {
        self.taskID = taskID
        self.phone = phone
        self.content = content
        self.destCode = destCode
        self.sendTime = sendTime
        self.receiveTime = receiveTime
    }

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case phone
        case content
        case destCode = "dest_code"
        case sendTime = "send_time"
        case receiveTime = "receive_time"
    }
}
