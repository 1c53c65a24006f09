import Foundation
import MMSKit
import ServiceLifecycle

/// Where pushed records are kept: SQLite (`SQLitePushStore`, one file, the default) or PostgreSQL
/// (`PostgresPushStore`, shared by several receivers). The receiver answers a provider only after `store`
/// returns, so nothing acknowledged is ever lost.
public protocol PushStore: Sendable {
    /// Stores `records` in one transaction, durably (committed, and on SQLite fsynced), before it returns.
    /// A record whose natural key is stored already is not stored again, except that a receipt for the same task
    /// and phone with a different code updates the stored one and keeps both report times. Concurrent calls may
    /// share one transaction (group commit); each returns only after its own records are durable, and a call the
    /// database refuses never fails the others.
    /// - Returns: how many records were new, updated, and already there.
    /// - Throws: `PushPayloadError` for a record holding U+0000 (nothing of the call is stored, on either store);
    ///   `StoreError` or the database's error when the database fails.
    func store(_ records: [PushRecord]) async throws -> StoreOutcome

    /// How many transactions `store` has committed since the store was opened (group commit puts the records of
    /// many concurrent calls into one).
    var committedTransactions: Int { get async }

    /// One page of the stored records matching `query`, in arrival order, after the record with id `after`.
    /// `records(matching:)` streams every page.
    func page(_ query: PushQuery, after id: Int64?, limit: Int) async throws -> [StoredPush]

    /// Counts of receipts per task (delivered, failed by code), uplinks and the template reviews, from SQL COUNTs.
    func statistics(task: String?) async throws -> PushStatistics

    /// Records waiting to be forwarded whose next attempt is due at `now`, oldest first; a record of a task waits
    /// while an earlier record of that task waits for a retry, so each task's records go out in arrival order.
    func pendingDeliveries(limit: Int, now: Date) async throws -> [OutboxDelivery]

    /// Records that the delivery was accepted by the user's endpoint; it is not offered again.
    func markDelivered(_ delivery: OutboxDelivery.ID) async throws

    /// Records a failed attempt and when to try again.
    func markFailed(_ delivery: OutboxDelivery.ID, nextAttempt: Date, error: String) async throws

    /// Finishes pending commits and releases the database.
    func close() async throws

    /// Calls `observer` after every transaction `store` commits (for metrics: group size and commit latency).
    func observeCommits(_ observer: @escaping @Sendable (CommitObservation) -> Void) async

    /// How many outbox rows wait to be forwarded (due or not).
    func outboxBacklog() async throws -> Int

    /// What must run while the store is in use, for a store opened to run in a `ServiceGroup`
    /// (`StoreLocation.open(forwarding:pool:logger:)` with `.asService`): PostgreSQL's connection pool. Add them to
    /// the group before the services that use the store, so that they stop after them. Empty for SQLite.
    var services: [any Service] { get }
}

extension PushStore {
    /// A store that commits no transactions of its own (a test double) has nothing to observe.
    public func observeCommits(_ observer: @escaping @Sendable (CommitObservation) -> Void) async {}

    /// A store without an outbox has no backlog.
    public func outboxBacklog() async throws -> Int { 0 }

    /// A store that needs nothing running alongside it.
    public var services: [any Service] { [] }

    /// Every stored record matching `query`, in arrival order, fetched a page at a time so that an export of
    /// millions of records never holds them all in memory.
    public func records(matching query: PushQuery, pageSize: Int = 500) -> StoredPushSequence {
        StoredPushSequence(store: self, query: query, pageSize: pageSize)
    }
}

/// What one `store` call did with its records.
public struct StoreOutcome: Sendable, Hashable, Codable {
    public var inserted: Int
    public var updated: Int
    public var duplicates: Int

    public init(inserted: Int = 0, updated: Int = 0, duplicates: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.duplicates = duplicates
    }
}
