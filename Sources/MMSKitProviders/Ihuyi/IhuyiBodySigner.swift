import Foundation

/// ihuyi's authentication as request middleware: puts `api_id`, `timestamp` (now) and `signature` in front of an
/// `IhuyiRequestBody` payload, so the client sends plain payloads and a retry is signed afresh.
public struct IhuyiBodySigner: RequestAuthenticator {
    /// The account whose `api_id` and key sign the payloads.
    public var credentials: IhuyiCredentials
    /// The clock for `timestamp` (tests fix it).
    public var now: @Sendable () -> Date

    /// A signer for `credentials`, reading `timestamp` from `now`.
    public init(credentials: IhuyiCredentials, now: @escaping @Sendable () -> Date = { Date() }) {
        self.credentials = credentials
        self.now = now
    }

    /// `request` with its payload signed now (for `--dry-run`, which prints what would be sent).
    /// - Throws: `.authenticationFailed` for a body that is not an `IhuyiRequestBody` payload.
    public func signed(_ request: HTTPRequest) throws(TransportError) -> HTTPRequest {
        guard let payload = request.body,
            let body = IhuyiSignature.signedBody(
                payload, credentials: credentials, timestamp: Int(now().timeIntervalSince1970))
        else {
            throw TransportError(
                .authenticationFailed, "an ihuyi request body must start with its request_id to be signed")
        }
        var signed = request
        signed.body = body
        return signed
    }

    /// `request` with its payload signed now, as `signed(_:)` does.
    public func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
        try signed(request)
    }
}
