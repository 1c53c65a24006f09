import Logging
import PostgresNIO

/// The PostgreSQL schema: `StoreMigration.all`, applied in order and recorded in `mmskit_schema_migrations`, under
/// a transaction-level advisory lock so that several receivers starting at once do not race to change it. A
/// database written before the table existed (its `pushes` and `outbox` made by the first migration) counts as
/// having the first migration applied.
enum PostgresSchema {
    /// The advisory lock key of mmskit's schema changes ("mmskit" in ASCII).
    static let lockKey: Int64 = 0x6D6D_736B_6974

    /// The table that records which migrations a database has.
    static let versionTable = "mmskit_schema_migrations"

    /// Whether the database holds mmskit's tables (on its search path), without changing anything.
    static func exists(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            "SELECT to_regclass('pushes') IS NOT NULL AND to_regclass('outbox') IS NOT NULL", logger: logger)
        for try await found in rows.decode(Bool.self) { return found }
        return false
    }

    /// The migrations the database has, oldest first (read without changing anything).
    static func applied(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        guard try await exists(connection, logger: logger) else { return [] }
        var hasTable = false
        for try await found in try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT to_regclass('\(versionTable)') IS NOT NULL"), logger: logger
        ).decode(Bool.self) {
            hasTable = found
        }
        guard hasTable else { return [StoreMigration.pushesAndOutbox.identifier] }
        var identifiers: [String] = []
        for try await identifier in try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT identifier FROM \(versionTable) ORDER BY applied_order"), logger: logger
        ).decode(String.self) {
            identifiers.append(identifier)
        }
        return identifiers
    }

    /// Applies the migrations the database does not have yet, all in one transaction.
    /// - Returns: the migrations applied, oldest first.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            var hadStore = false
            for try await found in try await connection.query(
                "SELECT to_regclass('pushes') IS NOT NULL", logger: logger
            ).decode(Bool.self) {
                hadStore = found
            }
            try await connection.query(
                PostgresQuery(
                    unsafeSQL: """
                        CREATE TABLE IF NOT EXISTS \(versionTable) (
                            identifier TEXT PRIMARY KEY,
                            applied_order INTEGER NOT NULL,
                            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                        )
                        """), logger: logger)
            var applied = Set<String>()
            for try await identifier in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT identifier FROM \(versionTable)"), logger: logger
            ).decode(String.self) {
                applied.insert(identifier)
            }
            if applied.isEmpty && hadStore {
                // Written by a release before migrations were recorded: it has the first one.
                applied.insert(StoreMigration.pushesAndOutbox.identifier)
                try await record(StoreMigration.pushesAndOutbox.identifier, order: 0, on: connection, logger: logger)
            }
            var appliedNow: [String] = []
            for (order, migration) in StoreMigration.all.enumerated() where !applied.contains(migration.identifier) {
                for statement in migration.postgres {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await record(migration.identifier, order: order, on: connection, logger: logger)
                appliedNow.append(migration.identifier)
            }
            return appliedNow
        }
    }

    private static func record(
        _ identifier: String, order: Int, on connection: PostgresConnection, logger: Logger
    ) async throws {
        try await connection.query(
            "INSERT INTO mmskit_schema_migrations (identifier, applied_order) VALUES (\(identifier), \(order))",
            logger: logger)
    }
}
