import Crypto
import Foundation
import MMSKitProviders

/// Signs requests the Standard Webhooks way (standardwebhooks.com), so the user's application can check that a
/// forwarded record comes from its receiver: `webhook-id` (stable across retries, for de-duplication),
/// `webhook-timestamp` (Unix seconds) and `webhook-signature` = `v1,` + base64 HMAC-SHA256 of
/// `id.timestamp.body` keyed with the secret.
public struct StandardWebhookSigner: Sendable, CustomStringConvertible {
    /// The key's bytes (swift-crypto's `SymmetricKey` is not `Sendable`).
    private let key: Data

    /// - Parameter secret: `whsec_` followed by the base64 key, as Standard Webhooks libraries write it; any other
    ///   text is used as the key's bytes.
    /// - Throws: `WebhookSecretError` for an empty secret or a `whsec_` secret that is not base64.
    public init(secret: Secret) throws(WebhookSecretError) {
        let text = secret.exposedValue
        guard !text.isEmpty else { throw WebhookSecretError("the forwarding secret is empty") }
        if text.hasPrefix("whsec_") {
            guard let bytes = Data(base64Encoded: String(text.dropFirst(6))), !bytes.isEmpty else {
                throw WebhookSecretError("the forwarding secret starts with whsec_ but the rest is not base64")
            }
            key = bytes
        } else {
            key = Data(text.utf8)
        }
    }

    /// The `webhook-signature` value for a message.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key))
        return "v1," + Data(mac).base64EncodedString()
    }

    /// The three headers for a message.
    public func headers(id: String, timestamp: Int, body: Data) -> [String: String] {
        [
            "webhook-id": id, "webhook-timestamp": String(timestamp),
            "webhook-signature": signature(id: id, timestamp: timestamp, body: body),
        ]
    }

    /// Whether `signatureHeader` (space-separated `v1,…` entries) holds this message's signature (constant time).
    public func verify(id: String, timestamp: Int, body: Data, signatureHeader: String) -> Bool {
        let expected = Array(signature(id: id, timestamp: timestamp, body: body).utf8)
        return signatureHeader.split(separator: " ").contains { candidate in
            let given = Array(candidate.utf8)
            return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
    }

    /// The type's name with the secret redacted.
    public var description: String { "StandardWebhookSigner(<redacted>)" }
}

/// A forwarding secret that cannot be used, said without quoting it.
public struct WebhookSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the secret, without quoting it.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
