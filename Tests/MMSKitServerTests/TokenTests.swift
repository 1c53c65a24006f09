import Hummingbird
import HummingbirdTesting
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
        try await ReceiverRoutes.test(Self.configuration, store: store, log: log) { client in
            let reply = try await client.execute(
                uri: target, method: .post, body: ByteBuffer(string: IhuyiRouteTests.receipt))
            #expect(reply.status == .unauthorized)
        }
        #expect(await store.started == 0)
        #expect(!log.text.contains(Self.token))
    }

    @Test func acceptsTheTokenOnEveryRoute() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        try await ReceiverRoutes.test(Self.configuration, store: store, log: log) { client in
            let receipt = try await client.execute(
                uri: "/ihuyi/receipts?token=\(Self.token)", method: .post,
                body: ByteBuffer(string: IhuyiRouteTests.receipt))
            #expect(receipt.text == "success")
            let callback = try await client.execute(
                uri: "/jpush/callback?token=\(Self.token)", method: .post, headers: JPushCallbackTests.form,
                body: ByteBuffer(bytes: JSMSForm().body()))
            #expect(callback.status == .ok)
            let check = try await client.execute(
                uri: "/jpush/callback?token=\(Self.token)&echostr=Zx81Kq0p", method: .get)
            #expect(check.text == "Zx81Kq0p")
            #expect(
                try await client.execute(uri: "/jpush/callback?echostr=Zx81Kq0p", method: .get).status == .unauthorized)
        }
        #expect(await store.records.count == 2)
        #expect(!log.text.contains(Self.token))
    }

    /// The start-up warning comes from `run()`, so this test serves on a real socket; with a token there is none.
    @Test func warnsWithoutAToken() async throws {
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(store: RecordingStore(), log: log)
        try await receiver.stop()
        #expect(log.messages.contains { $0.hasPrefix("warning") && $0.contains("anyone who can reach") })
        let withToken = CapturedLog()
        let guarded = try await RunningReceiver.start(Self.configuration, store: RecordingStore(), log: withToken)
        try await guarded.stop()
        #expect(!withToken.messages.contains { $0.contains("anyone who can reach") })
        #expect(!withToken.text.contains(Self.token))
    }

    @Test func comparesTokensWhole() {
        #expect(ConstantTime.equals("abc".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("abc".utf8, "abd".utf8))
        #expect(!ConstantTime.equals("ab".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("abcd".utf8, "abc".utf8))
        #expect(!ConstantTime.equals("".utf8, "abc".utf8))
    }
}
