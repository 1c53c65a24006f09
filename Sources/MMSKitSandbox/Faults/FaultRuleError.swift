/// Why a fault rule was refused, naming the field at fault (nil when the whole `--fault` text has the wrong
/// shape); not a fault the sandbox injects.
public struct FaultRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `provider`, `route`, `kind`, `probability`, `delayMilliseconds`, `random` or `times` (the JSON names).
    public var field: String?
    /// What is wrong with it.
    public var reason: String

    /// An error about `field` (or the whole text when `nil`) saying `reason`.
    public init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }

    /// The message for `--fault text`, with the form it must have.
    public func forOption(_ text: String) -> String {
        "--fault '\(text)': \(reason); the form is PROVIDER:ROUTE:KIND[=MS]:PROBABILITY[:TIMES] (e.g. ihuyi:/mms/v1/batchSend:reset:1:1, all:*:delay=250:0.2); kinds: \(FaultRule.Kind.allCases.map(\.rawValue).joined(separator: ", ")), random-delay=MS"
    }
}
