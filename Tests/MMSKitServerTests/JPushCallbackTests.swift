import Foundation
import MMSKit
import MMSKitProviders
import MMSKitServer
import Testing

/// `/jpush/callback`: the signed form (percent-decoding, `+`), the signature, the echostr URL check, and the
/// answer when the receiver has no JPush credentials.
@Suite struct JPushCallbackTests {
    static let configuration = ReceiverConfiguration(
        jpush: JPushCredentials(appKey: JSMSForm.appKey, masterSecret: Secret(JSMSForm.masterSecret)))
    static let form = ["Content-Type": "application/x-www-form-urlencoded"]

    @Test func storesASignedReport() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store, log: log)
        let callback = JSMSForm()
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: callback.body())
        #expect(reply.status == 200)
        let record = try #require(await store.records.first)
        #expect(record.kind == .deliveryReceipt && record.provider == .jpush && record.outcome == .delivered)
        #expect(record.taskID == "1234567890")
        #expect(record.code == "4001")
        try await receiver.stop()
        #expect(!log.text.contains(JSMSForm.masterSecret))
        #expect(!log.text.contains(JSMSForm.sign(nonce: callback.nonce, timestamp: callback.timestamp)))
    }

    @Test func decodesPercentEscapesAndPlusSigns() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        var callback = JSMSForm()
        callback.type = "SMS_REPLY"
        callback.data = #"{"phone":"13800138000","replyTime":1700000001,"content":"好的 a+b=c&d"}"#
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: callback.body())
        #expect(reply.status == 200)
        #expect(await store.records.first?.message == "好的 a+b=c&d")
        try await receiver.stop()
    }

    @Test func refusesABadSignatureWith401() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store, log: log)
        var callback = JSMSForm()
        callback.signature = JSMSForm.sign(
            masterSecret: "another-secret", nonce: callback.nonce, timestamp: callback.timestamp)
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: callback.body())
        #expect(reply.status == 401)
        #expect(await store.started == 0)
        try await receiver.stop()
        #expect(!log.text.contains(callback.signature!))
    }

    @Test(arguments: ["nonce", "timestamp", "type", "data", "signature"])
    func refusesAFormWithoutAField(field: String) async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: JSMSForm().body(omit: field))
        #expect(reply.status == 400)
        #expect(reply.body.contains(field))
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test(arguments: [
        ("nonce=1&timestamp=2&data=%zz", "%"),
        ("nonce=1&nonce=2", "more than once"),
    ])
    func refusesAMalformedForm(body: String, reason: String) async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: Data(body.utf8))
        #expect(reply.status == 400)
        #expect(reply.body.contains(reason))
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func refusesSignedDataThatIsNotJSON() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        var callback = JSMSForm()
        callback.data = "{not json"
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: callback.body())
        #expect(reply.status == 400)
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func refusesAnotherContentType() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: ["Content-Type": "application/json"],
            body: Data("{}".utf8))
        #expect(reply.status == 400)
        try await receiver.stop()
    }

    @Test func echoesTheURLCheck() async throws {
        let receiver = try await RunningReceiver.start(Self.configuration, store: RecordingStore())
        let reply = try await RawHTTPClient.request("GET", "/jpush/callback?echostr=a1B2%2Bc3", port: receiver.port)
        #expect(reply.status == 200)
        #expect(reply.body == "a1B2+c3")
        #expect(try await RawHTTPClient.request("GET", "/jpush/callback", port: receiver.port).status == 400)
        try await receiver.stop()
    }

    @Test func answers503WithoutCredentials() async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(store: store, log: log)
        let reply = try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: Self.form, body: JSMSForm().body())
        #expect(reply.status == 503)
        #expect(reply.body.contains("master_secret"))
        #expect(
            try await RawHTTPClient.request("GET", "/jpush/callback?echostr=abcdefgh", port: receiver.port).status
                == 503)
        #expect(await store.started == 0)
        try await receiver.stop()
        #expect(log.messages.contains { $0.hasPrefix("warning") && $0.contains("no JPush app_key") })
    }
}
