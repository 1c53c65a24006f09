/// Keeps the OAuth2 token for the life of the process only.
public actor InMemoryOAuth2TokenStore: OAuth2TokenStore {
    private var token: OAuth2Token?

    public init(_ token: OAuth2Token? = nil) {
        self.token = token
    }

    public func load() -> OAuth2Token? { token }

    public func save(_ token: OAuth2Token?) {
        self.token = token
    }

    public func replace(_ rejected: OAuth2Token, with fresh: OAuth2Token) {
        token = fresh
    }
}
