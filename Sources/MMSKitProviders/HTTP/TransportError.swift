/// No complete HTTP response: why, and whether the request may have reached the provider.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, which tells whether the provider may have processed the request.
    public enum Kind: String, Sendable, Equatable {
        /// The connection could not be made (refused, DNS, TLS handshake): the request never left.
        case connectionFailed
        /// No answer in time: the provider may or may not have processed the request.
        case timedOut
        /// The connection broke after the request was sent: it may have been processed.
        case connectionLost
        /// The server answered with a redirect, which is never followed (it would carry the credentials to
        /// another server, and turn a POST into a body-less GET): a wrong base URL, refused as is.
        case redirected
        /// The answer was larger than the transport reads (`HTTPClientTransport.maximumAnswerSize`): it was cut
        /// off unread, and the request may have been processed.
        case answerTooLarge
        /// The credentials for the request could not be obtained (an OAuth2 token endpoint refused or failed):
        /// the request itself never left.
        case authenticationFailed
        /// Something else the transport reported.
        case other
    }

    /// What went wrong, which decides whether the request can safely be sent again.
    public var kind: Kind
    /// The details, for the user (host and reason; no credentials).
    public var message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// Whether the request certainly did not reach the provider (safe to retry even without idempotency).
    public var requestNeverSent: Bool { kind == .connectionFailed || kind == .authenticationFailed }

    /// The message with a short prefix saying what kind of failure it was.
    public var description: String {
        switch kind {
        case .connectionFailed: "could not connect: \(message)"
        case .timedOut: "timed out: \(message)"
        case .connectionLost: "the connection was lost: \(message)"
        case .redirected: message
        case .answerTooLarge: "the answer was too large: \(message)"
        case .authenticationFailed: "could not authenticate: \(message)"
        case .other: message
        }
    }
}
