import Foundation
import MMSKitProviders
import Testing

@testable import MMSKitServer

/// With a token every route needs `?token=…`; without one the receiver warns that anyone can post.
@Suite struct TokenTests {
    static let token = "tok-3f9a1c7e5b"
    static let configuration = ReceiverConfiguration(
        token: Secret(token),
        jpush: JPushCredentials(appKey: JSMSForm.appKey, masterSecret: Secret(JSMSForm.masterSecret)))

    @Test(arguments: [
        "/ihuyi/receipts", "/ihuyi/receipts?token=wrong", "/ihuyi/receipts?token=", "/ihuyi/receipts?token=\(token)x",
        "/ihuyi/receipts?other=\(token)",
    ])
    func refusesAMissingOrWrongToken(target: String) async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store, log: log)
        let reply = try await RawHTTPClient.request(
            "POST", target, port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8))
        #expect(reply.status == 401)
        #expect(await store.started == 0)
        try await receiver.stop()
        #expect(!log.text.contains(Self.token))
    }

    @Test func acceptsTheTokenOnEveryRoute() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store, log: log)
        let receipt = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts?token=\(Self.token)", port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8)
        )
        #expect(receipt.body == "success")
        let callback = try await RawHTTPClient.request(
            "POST", "/jpush/callback?token=\(Self.token)", port: receiver.port, headers: JPushCallbackTests.form,
            body: JSMSForm().body())
        #expect(callback.status == 200)
        let check = try await RawHTTPClient.request(
            "GET", "/jpush/callback?token=\(Self.token)&echostr=Zx81Kq0p", port: receiver.port)
        #expect(check.body == "Zx81Kq0p")
        #expect(
            try await RawHTTPClient.request("GET", "/jpush/callback?echostr=Zx81Kq0p", port: receiver.port).status
                == 401)
        #expect(await store.records.count == 2)
        try await receiver.stop()
        #expect(!log.text.contains(Self.token))
        #expect(!log.messages.contains { $0.contains("anyone who can reach") })
    }

    @Test func warnsWithoutAToken() async throws {
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(store: RecordingStore(), log: log)
        try await receiver.stop()
        #expect(log.messages.contains { $0.hasPrefix("warning") && $0.contains("anyone who can reach") })
    }

    @Test func comparesTokensWhole() {
        #expect(ConstantTime.equals("abc".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("abc".utf8, "abd".utf8))
        #expect(!ConstantTime.equals("ab".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("abcd".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("".utf8, "abc".utf8))
    }
}
