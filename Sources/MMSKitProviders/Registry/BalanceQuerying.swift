/// A provider that reports an account balance (`mmskit balance`).
public protocol BalanceQuerying: Provider {
    /// The accounts it can report on; the first is the default.
    static var balanceAccounts: [BalanceAccount] { get }
    /// The balance of `account`, as a table and as JSON.
    /// - Throws: a `ProviderFailure`.
    func balance(of account: BalanceAccount) async throws -> BalanceReport
}

/// Whose balance: the account that sends (an app), or the developer account above it (JPush's `--dev`).
public enum BalanceAccount: String, Sendable, Hashable {
    /// The account that sends (for JPush, the app).
    case main
    /// JPush's developer account, above its apps (`--dev`).
    case developer
}
