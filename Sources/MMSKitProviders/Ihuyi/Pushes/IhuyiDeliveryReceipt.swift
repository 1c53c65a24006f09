import Foundation
import MMSKit

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
    public var isDelivered: Bool { Self.outcome(of: code) == .delivered }

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

extension IhuyiDeliveryReceipt {
    /// What a receipt's `code` means: `DELIVERED` is delivered, any other code the carrier's reason for a failure.
    /// The one place mmskit decides it for ihuyi (the receiver, the statistics and the sandbox all ask here).
    public static func outcome(of code: String) -> PushOutcome { code == delivered ? .delivered : .failed }

    /// The receipt in one pushed object, every documented field type-checked.
    init(fields: some PushFields) throws(PushPayloadError) {
        self.init(
            taskID: try fields.text("task_id"), phone: try fields.text("phone"), code: try fields.text("code"),
            message: try fields.optionalText("message"), sendTime: try fields.optionalText("send_time"),
            reportTime: try fields.optionalText("report_time"))
    }

    /// The record the receiver stores for this receipt; `payload` is the object as ihuyi sent it.
    public func record(payload: Data) -> PushRecord {
        PushRecord(
            kind: .deliveryReceipt, provider: .ihuyi, naturalKey: PushRecord.key(taskID, phone), taskID: taskID,
            phone: phone, code: code, outcome: Self.outcome(of: code), message: message, eventTime: reportTime,
            payload: payload)
    }
}
