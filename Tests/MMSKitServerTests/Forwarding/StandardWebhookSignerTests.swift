import Crypto
import Foundation
import MMSKitProviders
import MMSKitServer
import Testing

@Suite struct StandardWebhookSignerTests {
    /// The recipe computed by hand: HMAC-SHA256 of "id.timestamp.body" with the base64-decoded whsec_ key.
    @Test func signaturesFollowTheStandardWebhooksRecipe() throws {
        let keyBytes = Data("a 32-byte key for the webhook!!!".utf8)
        let signer = try StandardWebhookSigner(secret: Secret("whsec_" + keyBytes.base64EncodedString()))
        let body = Data(#"{"kind":"receipt","phone":"13800138000"}"#.utf8)
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data("msg_1.1733200000.".utf8) + body, using: SymmetricKey(data: keyBytes))
        let expected = "v1," + Data(mac).base64EncodedString()
        #expect(signer.signature(id: "msg_1", timestamp: 1_733_200_000, body: body) == expected)
        let headers = signer.headers(id: "msg_1", timestamp: 1_733_200_000, body: body)
        #expect(headers == ["webhook-id": "msg_1", "webhook-timestamp": "1733200000", "webhook-signature": expected])
        #expect(
            signer.verify(id: "msg_1", timestamp: 1_733_200_000, body: body, signatureHeader: "v1,bm90IGl0 \(expected)")
        )
        #expect(!signer.verify(id: "msg_1", timestamp: 1_733_200_001, body: body, signatureHeader: expected))
        #expect(!"\(signer)".contains(keyBytes.base64EncodedString()))
    }

    @Test func unusableSecretsAreRefusedWithoutQuotingThem() {
        #expect(throws: WebhookSecretError("the forwarding secret is empty")) {
            try StandardWebhookSigner(secret: Secret(""))
        }
        #expect(throws: WebhookSecretError("the forwarding secret starts with whsec_ but the rest is not base64")) {
            try StandardWebhookSigner(secret: Secret("whsec_***"))
        }
    }

    @Test func theScheduleDoublesUpToItsCap() {
        let schedule = ForwardingSchedule()
        #expect(
            (1...10).map { schedule.delay(afterAttempt: $0).components.seconds } == [
                5, 10, 20, 40, 80, 160, 320, 640, 1280, 1800,
            ])
        #expect(schedule.delay(afterAttempt: 500) == .seconds(1800))
    }
}
