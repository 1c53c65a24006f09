import Foundation
import MMSKitProviders
import MMSKitServer
import MMSKitTestSupport

/// What an application got from the forwarder or a replay, read the way the application would.
extension LocalHTTPServer.Request {
    /// The forwarded record's phone number.
    var forwardedPhone: String? {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["phone"] as? String
    }

    /// Whether its Standard Webhooks headers verify with `signer`.
    func isSigned(by signer: StandardWebhookSigner) -> Bool {
        let lowered = Dictionary(uniqueKeysWithValues: headers.map { ($0.key.lowercased(), $0.value) })
        return signer.verify(
            id: lowered["webhook-id"] ?? "", timestamp: Int(lowered["webhook-timestamp"] ?? "") ?? 0, body: body,
            signatureHeader: lowered["webhook-signature"] ?? "")
    }
}
