/// The account's balance as SendPulse reported it: `GET /balance` and `GET /user/balance/detail`, verbatim.
public struct SendPulseBalance: Codable, Sendable, Hashable {
    /// The answer of `GET /balance`.
    public var balance: SendPulseJSON
    /// The answer of `GET /user/balance/detail`.
    public var detail: SendPulseJSON

    /// The two answers, as they came.
    public init(balance: SendPulseJSON, detail: SendPulseJSON) {
        self.balance = balance
        self.detail = detail
    }
}
