import Foundation

/// One record a provider pushed, as it is stored: the fields every query needs, its natural key (a retried push
/// has the same key and is stored once), and the provider's JSON object as it came, unknown fields included.
public struct PushRecord: Codable, Sendable, Hashable {
    /// What the record is: a delivery receipt, a reply, a template or sign review.
    public var kind: PushKind
    /// Who pushed it.
    public var provider: ProviderID
    /// What makes two pushes of one provider and kind the same record (see `PushRecord.key`): an ihuyi receipt =
    /// task_id + phone; an uplink = phone + receive_time + content; a review = template_id + code + message; JSMS =
    /// its callback type and msgId (or the fields that identify a reply, a template or a sign).
    public var naturalKey: String
    /// The batch the record belongs to: ihuyi's task_id; JSMS's msg_id for a report.
    public var taskID: String?
    /// The number the record is about, when it names one.
    public var phone: String?
    /// The outcome: a receipt's code (`DELIVERED` or the carrier's failure code), a review's `SUCCESS`/`FAIL`, a
    /// JSMS report's status (`4001` delivered) or a template/sign review status.
    public var code: String?
    /// What `code` means, decided by the provider's parser: delivered or failed, approved, rejected or in review;
    /// nil for a reply.
    public var outcome: PushOutcome?
    /// The provider's message: a receipt's or review's text, an uplink's content.
    public var message: String?
    /// The template a review is about.
    public var templateID: Int?
    /// When it happened, as the provider wrote it: a receipt's report_time, an uplink's receive_time, a JSMS
    /// callback's time.
    public var eventTime: String?
    /// The JSON object as the provider sent it (keys sorted), unknown fields kept.
    public var payload: Data

    /// A record with the given fields; `payload` is the provider's JSON object as it came.
    public init(
        kind: PushKind, provider: ProviderID, naturalKey: String, taskID: String? = nil, phone: String? = nil,
        code: String? = nil, outcome: PushOutcome? = nil, message: String? = nil, templateID: Int? = nil,
        eventTime: String? = nil, payload: Data
    ) {
        self.kind = kind
        self.provider = provider
        self.naturalKey = naturalKey
        self.taskID = taskID
        self.phone = phone
        self.code = code
        self.outcome = outcome
        self.message = message
        self.templateID = templateID
        self.eventTime = eventTime
        self.payload = payload
    }

    /// A natural key from its parts: each part's length, so that no two different part lists give one key.
    public static func key(_ parts: String?...) -> String {
        parts.map { part in part.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined(separator: "|")
    }

    /// The first field of the record that holds U+0000 (NUL), or nil when none does. No provider's value holds
    /// one and PostgreSQL's text cannot, so the receiver refuses such a push and both stores such a record.
    public var fieldHoldingNUL: String? {
        let texts: [(name: String, value: String?)] = [
            ("task_id", taskID), ("phone", phone), ("code", code), ("message", message), ("event_time", eventTime),
            ("provider", provider.rawValue), ("natural_key", naturalKey),
        ]
        if let field = texts.first(where: { $0.value.map(Self.holdsNUL) == true }) { return field.name }
        // memchr over the bytes: every record of every POST is checked, and Data's byte iterator took 3 % of the
        // receiver's CPU (perf, 100 receipts per POST).
        let payloadHoldsNUL = payload.withUnsafeBytes { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        }
        return payloadHoldsNUL ? "payload" : nil
    }

    /// Whether `text` holds U+0000, searched in its UTF-8 storage at once where it is contiguous.
    private static func holdsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false }
    }

    /// Whether a delivery receipt says the message reached the handset (the provider's parser decided it).
    public var isDelivered: Bool { outcome == .delivered }
}
