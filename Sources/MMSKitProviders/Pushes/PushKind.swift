/// What a provider pushed: a delivery receipt, a reply from a handset, a template review, or a JSMS callback.
public enum PushKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// An ihuyi delivery receipt.
    case receipt
    /// An ihuyi uplink: a reply from a handset.
    case uplink
    /// An ihuyi template review.
    case review
    /// A JSMS callback of any type.
    case jpush
}
