import Foundation
import MMSKitServer
import ServiceLifecycle
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

    /// The application's group stops the server first, then the services passed in (the forwarder), then closes
    /// the store, and stops the store's own services (PostgreSQL's connection pool) last: a pool stopped before
    /// the store closes would fail the last commits, a forwarder still running after it would read a closed store.
    @Test func stopsTheForwarderThenClosesTheStoreThenStopsItsPool() async throws {
        let events = ServiceEvents()
        let store = RecordingStore(services: [RecordingService(name: "pool", events: events)]) {
            await events.append("store closed")
        }
        let receiver = try await RunningReceiver.start(
            store: store, services: [RecordingService(name: "forwarder", events: events)])
        await events.waitUntilRunning(["pool", "forwarder"])
        let reply = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts", port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8))
        #expect(reply.body == "success")
        try await receiver.stop()
        #expect(await events.stopping == ["forwarder stopped", "store closed", "pool stopped"])
    }
}

/// What the services of a receiver's group did, in order.
actor ServiceEvents {
    private(set) var entries: [String] = []
    private var waiters: [(names: Set<String>, continuation: CheckedContinuation<Void, Never>)] = []

    /// The entries about stopping and closing, in order.
    var stopping: [String] { entries.filter { !$0.hasSuffix(" running") } }

    func append(_ entry: String) {
        entries.append(entry)
        let running = Set(entries.compactMap { $0.hasSuffix(" running") ? String($0.dropLast(8)) : nil })
        let ready = waiters.filter { $0.names.isSubset(of: running) }
        waiters.removeAll { $0.names.isSubset(of: running) }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Returns once every named service has started.
    func waitUntilRunning(_ names: Set<String>) async {
        let running = Set(entries.compactMap { $0.hasSuffix(" running") ? String($0.dropLast(8)) : nil })
        guard !names.isSubset(of: running) else { return }
        await withCheckedContinuation { waiters.append((names, $0)) }
    }
}

/// A service that says when it starts and when graceful shutdown stops it.
struct RecordingService: Service {
    let name: String
    let events: ServiceEvents

    func run() async throws {
        await events.append("\(name) running")
        try? await gracefulShutdown()
        await events.append("\(name) stopped")
    }
}
