import Foundation
import Hummingbird
import HummingbirdTesting
import MMSKitProviders
import Testing

@testable import MMSKitServer

/// A signed JSMS callback cannot be replayed: JSMS signs the nonce and timestamp but not the data, so the receiver
/// refuses a timestamp far from its clock and a nonce seen with other content; the same callback again (JPush's
/// retry) is answered 200 and changes nothing.
@Suite struct JPushReplayTests {
    static let form = JPushCallbackTests.form

    static func post(_ callback: JSMSForm, with client: any TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/jpush/callback", method: .post, headers: form, body: ByteBuffer(bytes: callback.body()))
    }

    @Test(arguments: [
        (-1_000_000_000, "behind"),  // 2001, as in the report
        (-400, "behind"),
        (400, "ahead of"),
    ])
    func refusesATimestampOutsideTheWindow(secondsFromNow: Int, direction: String) async throws {
        let store = RecordingStore()
        var callback = JSMSForm()
        callback.timestamp = JSMSForm.timestamp(Date().addingTimeInterval(TimeInterval(secondsFromNow)))
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { [callback] client in
            let reply = try await Self.post(callback, with: client)
            #expect(reply.status == .unauthorized, "\(reply.text)")
            #expect(reply.text.contains(direction) && reply.text.contains("300 s"), "\(reply.text)")
        }
        #expect(await store.started == 0)
    }

    @Test func theWindowCanBeWidened() async throws {
        var configuration = JPushCallbackTests.configuration
        configuration.jsmsClockSkew = .seconds(3600)
        let store = RecordingStore()
        var callback = JSMSForm()
        callback.timestamp = JSMSForm.timestamp(Date().addingTimeInterval(-1800))
        try await ReceiverRoutes.test(configuration, store: store) { [callback] client in
            let reply = try await Self.post(callback, with: client)
            #expect(reply.status == .ok)
        }
        #expect(await store.records.count == 1)
    }

    @Test func refusesATimestampThatIsNotANumber() async throws {
        let store = RecordingStore()
        var callback = JSMSForm()
        callback.timestamp = "yesterday"
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { [callback] client in
            let reply = try await Self.post(callback, with: client)
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.text.contains("timestamp"))
        }
        #expect(await store.started == 0)
    }

    @Test func refusesASeenNonceWithOtherData() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { client in
            let delivered = JSMSForm()
            #expect(try await Self.post(delivered, with: client).status == .ok)
            var forged = delivered
            forged.data = #"{"msgId":"1234567890","status":4002,"receiveTime":1700000000,"phone":"13800138000"}"#
            let reply = try await Self.post(forged, with: client)
            #expect(reply.status == .conflict, "\(reply.text)")
            #expect(reply.text.contains("nonce"))
        }
        #expect(await store.started == 1)
        #expect(await store.records.map(\.code) == ["4001"])
    }

    @Test func answersTheSameCallbackAgainWithoutStoringIt() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { client in
            let callback = JSMSForm()
            let first = try await Self.post(callback, with: client)
            let again = try await Self.post(callback, with: client)
            #expect(first.text == "success")
            #expect(again.text == "success")
        }
        #expect(await store.started == 1)
    }

    @Test func storesTheSameCallbackAgainWhenTheFirstWasNotStored() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { client in
            let callback = JSMSForm()
            await store.fail()
            let refused = try await Self.post(callback, with: client)
            #expect(refused.status == .serviceUnavailable)
            await store.fail(false)
            let retried = try await Self.post(callback, with: client)
            #expect(retried.text == "success")
        }
        #expect(await store.records.count == 1)
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
