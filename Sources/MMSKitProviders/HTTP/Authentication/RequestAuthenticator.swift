/// Puts credentials on a request (a header, a signature, a bearer token) just before it is sent, so the
/// provider clients build plain requests and one `AuthenticatedTransport` does the rest.
public protocol RequestAuthenticator: Sendable {
    /// The request as it must be sent: signed, or carrying credentials.
    /// - Throws: `TransportError` of kind `.authenticationFailed` when the credentials could not be obtained.
    func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest

    /// After the provider answered `response` (e.g. 401) to an authenticated request: whether to send it once more
    /// with fresh credentials (an OAuth2 token was renewed). Default: false.
    func shouldRetry(after response: HTTPResponse) async -> Bool

    /// The same decision, knowing which authenticated request was refused, so that credentials renewed meanwhile
    /// by another caller are not renewed again. Default: `shouldRetry(after:)`.
    func shouldRetry(_ sent: HTTPRequest, after response: HTTPResponse) async -> Bool
}

extension RequestAuthenticator {
    /// Never: an authenticator whose credentials cannot be renewed has nothing new to send.
    public func shouldRetry(after response: HTTPResponse) async -> Bool { false }

    /// Decides as `shouldRetry(after:)`, whatever request was sent.
    public func shouldRetry(_ sent: HTTPRequest, after response: HTTPResponse) async -> Bool {
        await shouldRetry(after: response)
    }
}
