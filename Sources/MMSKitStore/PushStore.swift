import MMSKitProviders

/// Where pushed records are kept: SQLite (`SQLitePushStore`, one file, the default) or PostgreSQL
/// (`PostgresPushStore`, shared by several receivers). The receiver answers a provider only after `store`
/// returns, so nothing acknowledged is ever lost.
public protocol PushStore: Sendable {
    /// Stores `records` in one transaction, durably (committed, and on SQLite fsynced), before it returns.
    /// A record whose natural key is stored already is not stored again, except that a receipt for the same task
    /// and phone with a different code updates the stored one and keeps both report times. Concurrent calls may
    /// share one transaction (group commit); each returns only after its own records are durable.
    /// - Returns: how many records were new, updated, and already there.
    func store(_ records: [PushRecord]) async throws -> StoreOutcome

    /// Finishes pending commits and releases the database.
    func close() async throws
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
