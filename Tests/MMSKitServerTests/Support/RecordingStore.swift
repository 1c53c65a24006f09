import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import ServiceLifecycle

/// A `PushStore` for the server's tests: keeps what it was given in memory, de-duplicates by natural key like
/// the real stores, and can be told to fail or to hold every call until released. The reading and outbox
/// requirements, which the receiver does not use, answer empty.
actor RecordingStore: PushStore {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full (a test failure)" }
    }

    /// Every committed call's records, in commit order.
    private(set) var batches: [[PushRecord]] = []
    private(set) var outcomes: [StoreOutcome] = []
    private(set) var keys: Set<String> = []
    /// Calls that have begun, committed or not.
    private(set) var started = 0
    private(set) var isClosed = false
    /// Committed records at the moment `close` was called.
    private(set) var recordsWhenClosed: Int?
    private var failing = false
    private var refusal: PushPayloadError?
    private var holding = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var startWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// What the receiver must run alongside the store (a stand-in for PostgreSQL's pool).
    nonisolated let services: [any Service]
    private let onClose: @Sendable () async -> Void

    init(services: [any Service] = [], onClose: @escaping @Sendable () async -> Void = {}) {
        self.services = services
        self.onClose = onClose
    }

    var records: [PushRecord] { batches.flatMap(\.self) }

    func store(_ records: [PushRecord]) async throws -> StoreOutcome {
        started += 1
        let ready = startWaiters.filter { $0.count <= started }
        startWaiters.removeAll { $0.count <= started }
        for waiter in ready { waiter.continuation.resume() }
        if holding { await withCheckedContinuation { held.append($0) } }
        if failing { throw Failure() }
        if let refusal { throw refusal }
        var outcome = StoreOutcome()
        for record in records {
            if keys.insert(record.naturalKey).inserted { outcome.inserted += 1 } else { outcome.duplicates += 1 }
        }
        batches.append(records)
        outcomes.append(outcome)
        return outcome
    }

    func close() async throws {
        await onClose()
        isClosed = true
        recordsWhenClosed = records.count
    }

    var committedTransactions: Int { batches.count }

    func page(_ query: PushQuery, after id: Int64?, limit: Int) async throws -> [StoredPush] {
        if holding { await withCheckedContinuation { held.append($0) } }
        if failing { throw Failure() }
        return []
    }

    func statistics(task: String?) async throws -> PushStatistics { PushStatistics() }

    func pendingDeliveries(limit: Int, now: Date) async throws -> [OutboxDelivery] { [] }

    func markDelivered(_ delivery: OutboxDelivery.ID) async throws {}

    func markFailed(_ delivery: OutboxDelivery.ID, nextAttempt: Date, error: String) async throws {}

    func contains(_ naturalKey: String) -> Bool { keys.contains(naturalKey) }

    func fail(_ failing: Bool = true) { self.failing = failing }

    /// Makes every call refuse its records as the real stores refuse one holding U+0000.
    func refuse(_ refusal: PushPayloadError) { self.refusal = refusal }

    /// Makes every call wait (begun but not committed) until `release`.
    func hold() { holding = true }

    func release() {
        holding = false
        for continuation in held { continuation.resume() }
        held.removeAll()
    }

    /// Returns once `count` calls have begun.
    func waitUntilStarted(_ count: Int) async {
        guard started < count else { return }
        await withCheckedContinuation { startWaiters.append((count, $0)) }
    }
}
