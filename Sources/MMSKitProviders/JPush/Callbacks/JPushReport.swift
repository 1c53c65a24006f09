import MMSKit

/// The payload of an `SMS_REPORT` callback: one message's delivery status (4001 delivered; 4002 blacklist,
/// 4003 handset off, 4004 empty number, 4005 balance, 4006 frequency, 4010 sensitive words, 4100 other).
public struct JPushReport: Codable, Sendable, Hashable {
    /// The message's id (`msgId`), as the send answer gave it.
    public var msgID: String
    /// The delivery status code: 4001 delivered, the others failures.
    public var status: Int
    /// JSMS's `receiveTime`, when it sends one.
    public var receiveTime: Int?
    /// The recipient's number, when JSMS gives it.
    public var phone: String?

    /// A report of `status` for message `msgID`.
    public init(msgID: String, status: Int, receiveTime: Int? = nil, phone: String? = nil) {
        self.msgID = msgID
        self.status = status
        self.receiveTime = receiveTime
        self.phone = phone
    }

    /// Whether the carrier reported the message delivered.
    public var isDelivered: Bool { Self.outcome(of: String(status)) == .delivered }

    /// The status of a delivered message.
    public static let delivered = 4001

    /// What a report's status means: 4001 is delivered, any other status a reason for a failure. The one place
    /// mmskit decides it for JSMS (the receiver, the statistics and the sandbox all ask here).
    public static func outcome(of status: String) -> PushOutcome {
        status == String(delivered) ? .delivered : .failed
    }

    enum CodingKeys: String, CodingKey {
        case msgID = "msgId"
        case status
        case receiveTime
        case phone
    }

    /// Reads a `msgId` sent as a number or as a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        msgID = try container.decode(JPushLenientString.self, forKey: .msgID).value
        status = try container.decode(Int.self, forKey: .status)
        receiveTime = try container.decodeIfPresent(Int.self, forKey: .receiveTime)
        phone = try container.decodeIfPresent(String.self, forKey: .phone)
    }
}
