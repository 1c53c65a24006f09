/// What a provider can do, as far as mmskit's commands are concerned.
public enum ProviderCapability: String, Sendable, Hashable, CaseIterable, Comparable {
    /// `mmskit balance`.
    case balance
    /// `mmskit template create` (and show, update, delete where the provider has them).
    case templates
    /// `mmskit send`: journaled, chunked campaigns.
    case send
    /// `mmskit records`: send-record queries.
    case records

    /// Orders capabilities as they are declared (balance, templates, send, records), as help lists them.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
