import Hummingbird
import HummingbirdTesting
import MMSKit
import MMSKitProviders
import MMSKitServer
import Testing

/// `/jpush/callback`: the signed form (percent-decoding, `+`), the signature, the echostr URL check, and the
/// answer when the receiver has no JPush credentials.
@Suite struct JPushCallbackTests {
    static let configuration = ReceiverConfiguration(
        jpush: JPushCredentials(appKey: JSMSForm.appKey, masterSecret: Secret(JSMSForm.masterSecret)))
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func storesASignedReport() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let callback = JSMSForm()
        try await ReceiverRoutes.test(Self.configuration, store: store, log: log) { client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(bytes: callback.body()))
            #expect(reply.status == .ok)
        }
        let record = try #require(await store.records.first)
        #expect(record.kind == .deliveryReceipt && record.provider == .jpush && record.outcome == .delivered)
        #expect(record.taskID == "1234567890")
        #expect(record.code == "4001")
        #expect(!log.text.contains(JSMSForm.masterSecret))
        #expect(!log.text.contains(JSMSForm.sign(nonce: callback.nonce, timestamp: callback.timestamp)))
    }

    @Test func decodesPercentEscapesAndPlusSigns() async throws {
        let store = RecordingStore()
        var callback = JSMSForm()
        callback.type = "SMS_REPLY"
        callback.data = #"{"phone":"13800138000","replyTime":1700000001,"content":"好的 a+b=c&d"}"#
        try await ReceiverRoutes.test(Self.configuration, store: store) { [callback] client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(bytes: callback.body()))
            #expect(reply.status == .ok)
        }
        #expect(await store.records.first?.message == "好的 a+b=c&d")
    }

    @Test func refusesABadSignatureWith401() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        var callback = JSMSForm()
        callback.signature = JSMSForm.sign(
            masterSecret: "another-secret", nonce: callback.nonce, timestamp: callback.timestamp)
        try await ReceiverRoutes.test(Self.configuration, store: store, log: log) { [callback] client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(bytes: callback.body()))
            #expect(reply.status == .unauthorized)
        }
        #expect(await store.started == 0)
        #expect(!log.text.contains(callback.signature!))
    }

    @Test(arguments: ["nonce", "timestamp", "type", "data", "signature"])
    func refusesAFormWithoutAField(field: String) async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(Self.configuration, store: store) { client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form,
                body: ByteBuffer(bytes: JSMSForm().body(omit: field)))
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains(field))
        }
        #expect(await store.started == 0)
    }

    @Test(arguments: [
        ("nonce=1&timestamp=2&data=%zz", "%"),
        ("nonce=1&nonce=2", "more than once"),
    ])
    func refusesAMalformedForm(body: String, reason: String) async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(Self.configuration, store: store) { client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(string: body))
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains(reason))
        }
        #expect(await store.started == 0)
    }

    @Test func refusesSignedDataThatIsNotJSON() async throws {
        let store = RecordingStore()
        var callback = JSMSForm()
        callback.data = "{not json"
        try await ReceiverRoutes.test(Self.configuration, store: store) { [callback] client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(bytes: callback.body()))
            #expect(reply.status == .badRequest)
        }
        #expect(await store.started == 0)
    }

    @Test func refusesAnotherContentType() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(Self.configuration, store: store) { client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{}"))
            #expect(reply.status == .badRequest)
        }
    }

    @Test func echoesTheURLCheck() async throws {
        try await ReceiverRoutes.test(Self.configuration, store: RecordingStore()) { client in
            let reply = try await client.execute(uri: "/jpush/callback?echostr=a1B2%2Bc3", method: .get)
            #expect(reply.status == .ok)
            #expect(reply.text == "a1B2+c3")
            #expect(try await client.execute(uri: "/jpush/callback", method: .get).status == .badRequest)
        }
    }

    @Test func answers503WithoutCredentials() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(store: store) { client in
            let reply = try await client.execute(
                uri: "/jpush/callback", method: .post, headers: Self.form, body: ByteBuffer(bytes: JSMSForm().body()))
            #expect(reply.status == .serviceUnavailable)
            #expect(reply.text.contains("master_secret"))
            #expect(
                try await client.execute(uri: "/jpush/callback?echostr=abcdefgh", method: .get).status
                    == .serviceUnavailable)
        }
        #expect(await store.started == 0)
    }

    /// The start-up warning comes from `run()`, so this test serves on a real socket.
    @Test func warnsWithoutCredentials() async throws {
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(store: RecordingStore(), log: log)
        try await receiver.stop()
        #expect(log.messages.contains { $0.hasPrefix("warning") && $0.contains("no JPush app_key") })
    }
}
