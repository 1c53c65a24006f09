/// Sends one HTTP request. The clients depend on this alone, so tests inject a double and the CLI an `HTTPClientTransport`.
public protocol HTTPTransport: Sendable {
    /// - Throws: `TransportError` when no complete response arrived.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}
