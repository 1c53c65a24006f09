/// The SMS account's money, as `/sms/getBalance` reports it (strings on the wire, numbers here).
public struct ItniotechBalance: Codable, Sendable, Hashable {
    public var balance: Double
    public var gift: Double
    public var credit: Double

    public init(balance: Double, gift: Double, credit: Double) {
        self.balance = balance
        self.gift = gift
        self.credit = credit
    }
}
