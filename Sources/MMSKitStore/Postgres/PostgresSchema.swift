import Logging
import PostgresNIO

/// The PostgreSQL schema: the same `pushes` and `outbox` tables as SQLite. It is created under a transaction-level
/// advisory lock, so that several receivers starting at once do not race to create it.
enum PostgresSchema {
    /// The advisory lock key of mmskit's schema changes ("mmskit" in ASCII).
    static let lockKey: Int64 = 0x6D6D_736B_6974

    static let statements = [
        """
        CREATE TABLE IF NOT EXISTS pushes (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL,
            provider TEXT NOT NULL,
            natural_key TEXT NOT NULL,
            task_id TEXT,
            phone TEXT,
            code TEXT,
            message TEXT,
            template_id BIGINT,
            event_time TEXT,
            first_event_time TEXT,
            payload TEXT NOT NULL,
            received_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL,
            UNIQUE (kind, natural_key)
        )
        """,
        "CREATE INDEX IF NOT EXISTS pushes_task_id ON pushes (task_id)",
        "CREATE INDEX IF NOT EXISTS pushes_phone ON pushes (phone)",
        "CREATE INDEX IF NOT EXISTS pushes_received_at ON pushes (received_at)",
        """
        CREATE TABLE IF NOT EXISTS outbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            push_id BIGINT NOT NULL REFERENCES pushes (id),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TIMESTAMPTZ NOT NULL,
            delivered_at TIMESTAMPTZ,
            last_error TEXT
        )
        """,
        "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (id) WHERE delivered_at IS NULL",
    ]

    /// Whether the database holds mmskit's tables (on its search path), without changing anything.
    static func exists(_ client: PostgresClient, logger: Logger) async throws -> Bool {
        let rows = try await client.query(
            "SELECT to_regclass('pushes') IS NOT NULL AND to_regclass('outbox') IS NOT NULL", logger: logger)
        for try await found in rows.decode(Bool.self) { return found }
        return false
    }

    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            for statement in statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
        }
    }
}
