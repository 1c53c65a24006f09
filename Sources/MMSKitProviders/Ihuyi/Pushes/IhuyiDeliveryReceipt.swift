/// A delivery receipt ihuyi pushes for each recipient of a batch (回执推送): `code` is `DELIVERED` when the
/// message reached the handset, anything else is the carrier's failure code. Times are China time as sent.
public struct IhuyiDeliveryReceipt: Codable, Sendable, Hashable {
    public var taskID: String
    public var phone: String
    public var code: String
    public var message: String?
    public var sendTime: String?
    public var reportTime: String?

    public init(
        taskID: String, phone: String, code: String, message: String? = nil, sendTime: String? = nil,
        reportTime: String? = nil
    ) {
        self.taskID = taskID
        self.phone = phone
        self.code = code
        self.message = message
        self.sendTime = sendTime
        self.reportTime = reportTime
    }

    /// Whether the carrier reported the message delivered.
    public var isDelivered: Bool { code == Self.delivered }

    /// The code of a delivered message.
    public static let delivered = "DELIVERED"

    enum CodingKeys: String, CodingKey {
        case taskID = "task_id"
        case phone
        case code
        case message
        case sendTime = "send_time"
        case reportTime = "report_time"
    }
}
