import Crypto
import Foundation

/// A JSMS callback (a form POST): `nonce`, `timestamp` (ms), `type`, `data` (a JSON string) and `signature`,
/// the lower-case hex SHA-1 of `appKey=…&appMasterSecret=…&nonce=…&timestamp=…`.
public struct JPushCallback: Sendable, Hashable {
    /// What the callback reports.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// A delivery report (`JPushReport`).
        case report = "SMS_REPORT"
        /// A reply from a handset.
        case reply = "SMS_REPLY"
        /// A template review's outcome.
        case template = "SMS_TEMPLATE"
        /// A sign review's outcome.
        case sign = "SMS_SIGN"
    }

    /// A random value JSMS signs with the timestamp.
    public var nonce: String
    /// Milliseconds since 1970, as JSMS sends it.
    public var timestamp: String
    /// What `data` reports (`SMS_REPORT`, `SMS_REPLY`, …).
    public var type: Kind
    /// The payload: a JSON document whose fields depend on `type`.
    public var data: String
    /// The signature as JSMS sent it, to compare with `signature(appKey:masterSecret:nonce:timestamp:)`.
    public var signature: String

    /// A callback with the given form fields.
    public init(nonce: String, timestamp: String, type: Kind, data: String, signature: String) {
        self.nonce = nonce
        self.timestamp = timestamp
        self.type = type
        self.data = data
        self.signature = signature
    }

    /// The signature JSMS computes for `nonce` and `timestamp` with the app's credentials.
    public static func signature(appKey: String, masterSecret: Secret, nonce: String, timestamp: String) -> String {
        let text = "appKey=\(appKey)&appMasterSecret=\(masterSecret.exposedValue)&nonce=\(nonce)&timestamp=\(timestamp)"
        return Insecure.SHA1.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the callback was signed with these credentials (compared in constant time).
    public func isSigned(by credentials: JPushCredentials) -> Bool {
        let expected = Array(
            Self.signature(
                appKey: credentials.appKey, masterSecret: credentials.masterSecret, nonce: nonce, timestamp: timestamp
            ).utf8)
        let given = Array(signature.lowercased().utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
