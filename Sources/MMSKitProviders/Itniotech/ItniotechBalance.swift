/// The SMS account's money, as `/sms/getBalance` reports it (strings on the wire, numbers here).
public struct ItniotechBalance: Codable, Sendable, Hashable {
    /// The account's `balance`, in its currency.
    public var balance: Double
    /// The `gift` amount itniotech reports beside the balance.
    public var gift: Double
    /// The `credit` amount itniotech reports beside the balance.
    public var credit: Double

    /// A balance with the given amounts.
    public init(balance: Double, gift: Double, credit: Double) {
        self.balance = balance
        self.gift = gift
        self.credit = credit
    }
}
