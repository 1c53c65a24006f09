import Crypto
import Foundation

/// itniotech's signing: headers `Api-Key`, `Timestamp` (Unix seconds) and `Sign`, the lower-case hex MD5 of
/// apiKey + apiSecret + timestamp, on every call; the secret enters the signature and is never sent.
public struct HeaderSignatureAuthenticator: RequestAuthenticator {
    /// The `Api-Key` header's value.
    public var apiKey: String
    /// The secret the `Sign` digest is made with; never sent.
    public var apiSecret: Secret
    /// The clock for `Timestamp` (tests fix it; the server refuses a timestamp too far off).
    public var now: @Sendable () -> Date

    /// An authenticator for the key pair, reading `Timestamp` from `now`.
    public init(apiKey: String, apiSecret: Secret, now: @escaping @Sendable () -> Date = { Date() }) {
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.now = now
    }

    /// The `Sign` header for one timestamp.
    public static func signature(apiKey: String, apiSecret: Secret, timestamp: Int) -> String {
        let text = apiKey + apiSecret.exposedValue + String(timestamp)
        return Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `request` with `Api-Key`, `Timestamp` (now) and `Sign` set, and the JSON `Content-Type`.
    public func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
        let timestamp = Int(now().timeIntervalSince1970.rounded(.down))
        var request = request
        request.setHeader("Api-Key", apiKey)
        request.setHeader("Timestamp", String(timestamp))
        request.setHeader("Sign", Self.signature(apiKey: apiKey, apiSecret: apiSecret, timestamp: timestamp))
        request.setHeader("Content-Type", "application/json;charset=UTF-8")
        return request
    }
}
