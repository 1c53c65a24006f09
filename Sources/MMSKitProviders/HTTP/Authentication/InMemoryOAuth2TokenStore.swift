/// Keeps the OAuth2 token for the life of the process only.
public actor InMemoryOAuth2TokenStore: OAuth2TokenStore {
    private var token: OAuth2Token?

    /// A store holding `token`, or none.
    public init(_ token: OAuth2Token? = nil) {
        self.token = token
    }

    /// The token kept, if any.
    public func load() -> OAuth2Token? { token }

    /// Keeps `token`; `nil` forgets it.
    public func save(_ token: OAuth2Token?) {
        self.token = token
    }

    /// Keeps `fresh`: the store holds one token, so the refused one is always replaced.
    public func replace(_ rejected: OAuth2Token, with fresh: OAuth2Token) {
        token = fresh
    }
}
