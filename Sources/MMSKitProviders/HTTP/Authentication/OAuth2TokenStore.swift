/// Where an OAuth2 access token is kept between calls (and, for a persistent store, between runs), so a token
/// is fetched once an hour rather than once per command.
public protocol OAuth2TokenStore: Sendable {
    /// The stored token, if any. A store that cannot be read is treated as empty.
    func load() async throws -> OAuth2Token?
    /// Keeps `token`, replacing the previous one; `nil` forgets it. A failure leaves the token in memory only.
    func save(_ token: OAuth2Token?) async throws
    /// Keeps `fresh` in place of `rejected`, a token the provider refused (HTTP 401): a store that holds
    /// `rejected` takes `fresh` whichever expires first, so no later run is handed the refused token again.
    func replace(_ rejected: OAuth2Token, with fresh: OAuth2Token) async throws
}
