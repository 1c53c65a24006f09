import PostgresNIO
import ServiceLifecycle
import Synchronization

/// postgres-nio's `PostgresClient` (the store's connection pool) and the service that runs it. The client leases
/// connections only while its `run()` runs; a lease asked for before that waits and logs a warning, which a
/// receiver whose forwarder polls at once would print at every start. The store's calls wait here instead,
/// until `run()` has started.
final class ConnectionPool: Service, Sendable {
    let client: PostgresClient
    private let state = Mutex<(running: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    init(_ client: PostgresClient) {
        self.client = client
    }

    /// Runs the pool until cancelled or, in a `ServiceGroup`, until graceful shutdown.
    func run() async {
        let waiters = state.withLock { state in
            state.running = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
        // No suspension between the resumptions above and `run()` marking the client as running.
        await client.run()
    }

    /// The client, once `run()` has started.
    func running() async -> PostgresClient {
        // Every query and commit asks: once the pool runs, answer without making a continuation.
        if state.withLock({ $0.running }) { return client }
        await withCheckedContinuation { continuation in
            let running = state.withLock { state in
                if !state.running { state.waiters.append(continuation) }
                return state.running
            }
            if running { continuation.resume() }
        }
        return client
    }
}
