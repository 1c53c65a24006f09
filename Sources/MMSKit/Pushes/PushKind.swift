/// What a pushed record is, whichever provider pushed it: the provider is the record's `ProviderID`, never part
/// of its kind. Stored as the raw value (`delivery_receipt`, …); `receipts list --kind` takes the same names.
public enum PushKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// The outcome of one message to one number: ihuyi's delivery receipt, JSMS's `SMS_REPORT`.
    case deliveryReceipt = "delivery_receipt"
    /// A message a handset sent back: ihuyi's uplink, JSMS's `SMS_REPLY`.
    case reply
    /// The carriers' verdict on a template: ihuyi's template review push, JSMS's `SMS_TEMPLATE`.
    case templateReview = "template_review"
    /// The verdict on a sign (the 【name】 a message is sent under): JSMS's `SMS_SIGN`.
    case signReview = "sign_review"

    /// The kind a name on the command line or in a query means: the raw value, or a name earlier releases used
    /// (`receipt`, `uplink`, `review`), in any letter case.
    public init?(named name: String) {
        let lowered = name.lowercased()
        if let kind = PushKind(rawValue: lowered) {
            self = kind
            return
        }
        switch lowered {
        case "receipt", "receipts": self = .deliveryReceipt
        case "uplink", "uplinks", "replies": self = .reply
        case "review", "reviews": self = .templateReview
        default: return nil
        }
    }

    /// Whether a later push of a record of this kind with another outcome revises the stored one (a message's
    /// delivery status changes; a reply or a review verdict is a new fact, stored as a record of its own).
    public var isRevisable: Bool { self == .deliveryReceipt }
}
