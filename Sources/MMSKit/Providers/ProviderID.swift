/// A provider's id: the `--provider` value, the `credentials.yml` section, the `MMSKIT_<PROVIDER>_…` prefix, the
/// `provider` of a stored push and the sandbox's provider names. Always lower-case, so that `--provider IHUYI` and
/// `ihuyi` are one provider; code branches on it, never on the text the user typed.
public struct ProviderID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
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

    /// Ordered by the id's text.
    public static func < (lhs: ProviderID, rhs: ProviderID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Reads the id from its text.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the lower-case id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// ihuyi (互亿无线).
    public static let ihuyi: ProviderID = "ihuyi"
    /// JPush JSMS (极光短信).
    public static let jpush: ProviderID = "jpush"
    /// itniotech.
    public static let itniotech: ProviderID = "itniotech"
    /// SendPulse.
    public static let sendpulse: ProviderID = "sendpulse"
}
