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

    /// The id a literal names, in any letter case.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The lower-case id.
    public var description: String { rawValue }

    /// ihuyi (互亿无线).
    public static let ihuyi: ProviderID = "ihuyi"
    /// JPush JSMS (极光短信).
    public static let jpush: ProviderID = "jpush"
    /// itniotech.
    public static let itniotech: ProviderID = "itniotech"
    /// SendPulse.
    public static let sendpulse: ProviderID = "sendpulse"
}
