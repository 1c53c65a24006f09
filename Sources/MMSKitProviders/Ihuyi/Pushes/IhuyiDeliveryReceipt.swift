/// A delivery receipt ihuyi pushes for each recipient of a batch (回执推送): `code` is `DELIVERED` when the
/// message reached the handset, anything else is the carrier's failure code. Times are China time as sent.
public struct IhuyiDeliveryReceipt: Codable, Sendable, Hashable {
    /// The batch's `task_id`, as batchSend returned it.
    public var taskID: String
    /// The recipient's number.
    public var phone: String
    /// `DELIVERED`, or the carrier's failure code.
    public var code: String
    /// The carrier's description of the outcome, when given.
    public var message: String?
    /// When the message was sent, China time as ihuyi sent it.
    public var sendTime: String?
    /// When the carrier reported the outcome, China time as ihuyi sent it.
    public var reportTime: String?

    /// A receipt for `phone` in batch `taskID` with outcome `code`.
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
