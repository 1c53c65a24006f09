import Foundation
import MMSKitProviders
import MMSKitStore

/// A stored record as the user's application receives it (`--forward-to`, `receipts replay`): the JSON of
/// `StoredPush.jsonData()`, signed the Standard Webhooks way. Its `webhook-id` names the record and its
/// revision, so a retry, a second outbox row for the same revision, and a replay all carry the same id and an
/// application that keeps the ids it has seen handles each revision once.
public struct WebhookMessage: Sendable {
    /// The `webhook-id`: `msg_` with the record's id and its revision number, the same on every delivery of that
    /// revision and different for every other revision.
    public var id: String
    /// The record as JSON.
    public var body: Data

    /// The message of `push`'s current revision.
    public init(_ push: StoredPush) {
        id = "msg_\(push.id)_r\(push.revision)"
        body = push.jsonData()
    }

    /// The POST to `endpoint`, signed now.
    public func request(to endpoint: URL, signer: StandardWebhookSigner, now: Date) -> HTTPRequest {
        var headers = signer.headers(id: id, timestamp: Int(now.timeIntervalSince1970), body: body)
        headers["Content-Type"] = "application/json"
        headers["User-Agent"] = "mmskit-receiver"
        return HTTPRequest(method: .post, url: endpoint, headers: headers, body: body)
    }
}
