/// Authenticates every request with `authenticator` before `inner` sends it, and after a 401 sends it once
/// more, with the same body, when the authenticator renewed its credentials.
public struct AuthenticatedTransport: HTTPTransport {
    /// Sends the authenticated requests.
    public var inner: any HTTPTransport
    /// Adds the credentials to each request, and renews them after a 401.
    public var authenticator: any RequestAuthenticator

    /// A transport that authenticates with `authenticator` and sends through `inner`.
    public init(wrapping inner: any HTTPTransport, authenticator: any RequestAuthenticator) {
        self.inner = inner
        self.authenticator = authenticator
    }

    /// Sends `request` with credentials, and once more with renewed ones after a 401 when the authenticator renewed
    /// them.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let sent = try await authenticator.authenticate(request)
        let response = try await inner.send(sent)
        guard response.status == 401, await authenticator.shouldRetry(sent, after: response) else { return response }
        // Authenticate the original request again (not `sent`): its body is kept and stale credentials replaced.
        return try await inner.send(try await authenticator.authenticate(request))
    }
}
