import Foundation
import MMSKitProviders
import Testing

@testable import MMSKitServer

/// A signed JSMS callback cannot be replayed: JSMS signs the nonce and timestamp but not the data, so the receiver
/// refuses a timestamp far from its clock and a nonce seen with other content; the same callback again (JPush's
/// retry) is answered 200 and changes nothing.
@Suite struct JPushReplayTests {
    static let form = JPushCallbackTests.form

    static func post(_ callback: JSMSForm, to receiver: RunningReceiver) async throws -> RawHTTPClient.Reply {
        try await RawHTTPClient.request(
            "POST", "/jpush/callback", port: receiver.port, headers: form, body: callback.body())
    }

    @Test(arguments: [
        (-1_000_000_000, "behind"),  // 2001, as in the report
        (-400, "behind"),
        (400, "ahead of"),
    ])
    func refusesATimestampOutsideTheWindow(secondsFromNow: Int, direction: String) async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        var callback = JSMSForm()
        callback.timestamp = JSMSForm.timestamp(Date().addingTimeInterval(TimeInterval(secondsFromNow)))
        let reply = try await Self.post(callback, to: receiver)
        #expect(reply.status == 401, "\(reply)")
        #expect(reply.body.contains(direction) && reply.body.contains("300 s"), "\(reply)")
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func theWindowCanBeWidened() async throws {
        var configuration = JPushCallbackTests.configuration
        configuration.jsmsClockSkew = .seconds(3600)
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(configuration, store: store)
        var callback = JSMSForm()
        callback.timestamp = JSMSForm.timestamp(Date().addingTimeInterval(-1800))
        #expect(try await Self.post(callback, to: receiver).status == 200)
        #expect(await store.records.count == 1)
        try await receiver.stop()
    }

    @Test func refusesATimestampThatIsNotANumber() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        var callback = JSMSForm()
        callback.timestamp = "yesterday"
        let reply = try await Self.post(callback, to: receiver)
        #expect(reply.status == 400, "\(reply)")
        #expect(reply.body.contains("timestamp"))
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func refusesASeenNonceWithOtherData() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        let delivered = JSMSForm()
        #expect(try await Self.post(delivered, to: receiver).status == 200)
        var forged = delivered
        forged.data = #"{"msgId":"1234567890","status":4002,"receiveTime":1700000000,"phone":"13800138000"}"#
        let reply = try await Self.post(forged, to: receiver)
        #expect(reply.status == 409, "\(reply)")
        #expect(reply.body.contains("nonce"))
        #expect(await store.started == 1)
        #expect(await store.records.map(\.code) == ["4001"])
        try await receiver.stop()
    }

    @Test func answersTheSameCallbackAgainWithoutStoringIt() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        let callback = JSMSForm()
        #expect(try await Self.post(callback, to: receiver).body == "success")
        #expect(try await Self.post(callback, to: receiver).body == "success")
        #expect(await store.started == 1)
        try await receiver.stop()
    }

    @Test func storesTheSameCallbackAgainWhenTheFirstWasNotStored() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        let callback = JSMSForm()
        await store.fail()
        #expect(try await Self.post(callback, to: receiver).status == 503)
        await store.fail(false)
        #expect(try await Self.post(callback, to: receiver).body == "success")
        #expect(await store.records.count == 1)
        try await receiver.stop()
    }
}

/// The guard's memory is bounded: a callback is forgotten once its timestamp is out of the window, and when
/// `capacity` callbacks within the window are remembered the next is turned away (503, the provider retries).
@Suite struct JSMSReplayGuardTests {
    static func callback(_ nonce: String, at date: Date) -> JPushCallback {
        JPushCallback(
            nonce: nonce, timestamp: JSMSForm.timestamp(date), type: .report, data: #"{"msgId":"1","status":4001}"#,
            signature: "")
    }

    @Test func forgetsOnceTheTimestampIsOutOfTheWindowAndHoldsAtMostItsCapacity() {
        let guardian = JSMSReplayGuard(tolerance: .seconds(300), capacity: 2)
        let start = Date()
        #expect(guardian.admit(Self.callback("1", at: start), now: start) == .take)
        #expect(guardian.admit(Self.callback("2", at: start), now: start) == .take)
        #expect(guardian.admit(Self.callback("3", at: start), now: start) == .full)
        let later = start.addingTimeInterval(601)
        #expect(guardian.admit(Self.callback("3", at: later), now: later) == .take)
        #expect(guardian.admit(Self.callback("1", at: start), now: later) == .stale(seconds: -601))
    }
}
