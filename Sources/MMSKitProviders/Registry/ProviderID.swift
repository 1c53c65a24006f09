/// A provider's id: the `--provider` value, the `credentials.yml` section and the `MMSKIT_<PROVIDER>_…` prefix.
/// Always lower-case, so that `--provider IHUYI` and `ihuyi` are one provider; commands branch on it, never on
/// the text the user typed.
public struct ProviderID: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The lower-case id, e.g. `ihuyi`.
    public let rawValue: String

    /// The id `text` names, in any letter case.
    public init(_ text: String) {
        rawValue = text.lowercased()
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public var description: String { rawValue }

    public static let ihuyi: ProviderID = "ihuyi"
    public static let jpush: ProviderID = "jpush"
    public static let itniotech: ProviderID = "itniotech"
    public static let sendpulse: ProviderID = "sendpulse"
}
