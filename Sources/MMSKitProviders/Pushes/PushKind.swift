/// What a provider pushed: a delivery receipt, a reply from a handset, a template review, or a JSMS callback.
public enum PushKind: String, Codable, Sendable, Hashable, CaseIterable {
    case receipt
    case uplink
    case review
    case jpush
}
