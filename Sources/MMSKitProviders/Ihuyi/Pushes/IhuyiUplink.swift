/// A reply from a handset that ihuyi pushes (上行推送): who answered which batch, what, and when.
public struct IhuyiUplink: Codable, Sendable, Hashable {
    public var taskID: String?
    public var phone: String
    public var content: String
    /// The channel extension the reply came in on.
    public var destCode: String?
    public var sendTime: String?
    public var receiveTime: String

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
