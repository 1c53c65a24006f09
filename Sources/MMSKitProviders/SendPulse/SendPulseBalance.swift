/// The account's balance as SendPulse reported it: `GET /balance` and `GET /user/balance/detail`, verbatim.
public struct SendPulseBalance: Codable, Sendable, Hashable {
    public var balance: SendPulseJSON
    public var detail: SendPulseJSON

    public init(balance: SendPulseJSON, detail: SendPulseJSON) {
        self.balance = balance
        self.detail = detail
    }
}
