import Foundation
import MMSKit

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

extension IhuyiUplink {
    /// The reply in one pushed object, every documented field type-checked.
    init(fields: some PushFields) throws(PushPayloadError) {
        self.init(
            taskID: try fields.optionalText("task_id"), phone: try fields.text("phone"),
            content: try fields.text("content"), destCode: try fields.optionalText("dest_code"),
            sendTime: try fields.optionalText("send_time"), receiveTime: try fields.text("receive_time"))
    }

    /// The record the receiver stores for this reply; `payload` is the object as ihuyi sent it.
    public func record(payload: Data) -> PushRecord {
        PushRecord(
            kind: .reply, provider: .ihuyi, naturalKey: PushRecord.key(phone, receiveTime, content), taskID: taskID,
            phone: phone, message: content, eventTime: receiveTime, payload: payload)
    }
}
