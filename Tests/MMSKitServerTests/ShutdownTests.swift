import Foundation
import MMSKitServer
import Testing

/// Graceful shutdown (SIGTERM in the command): a request in flight finishes its commit and is answered, then
/// the store is closed.
@Suite struct ShutdownTests {
    @Test func finishesTheRequestInFlightThenClosesTheStore() async throws {
        let store = RecordingStore()
        await store.hold()
        let receiver = try await RunningReceiver.start(store: store)
        let inFlight = Task {
            try await RawHTTPClient.request(
                "POST", "/ihuyi/receipts", port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8))
        }
        await store.waitUntilStarted(1)
        let stopping = Task { try await receiver.stop() }
        await store.release()
        let reply = try await inFlight.value
        #expect(reply.body == "success")
        try await stopping.value
        #expect(await store.isClosed)
        #expect(await store.recordsWhenClosed == 1)
    }

    @Test func closesTheStoreWhenItStopsIdle() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        try await receiver.stop()
        #expect(await store.isClosed)
    }
}
