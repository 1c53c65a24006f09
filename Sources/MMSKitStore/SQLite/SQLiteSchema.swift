import GRDB

/// The SQLite schema, as GRDB migrations: the `pushes` table (one row per natural key) and the forwarding
/// `outbox`. PostgreSQL has the same tables (`PostgresSchema`).
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: pushes and outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pushes (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        provider TEXT NOT NULL,
                        natural_key TEXT NOT NULL,
                        task_id TEXT,
                        phone TEXT,
                        code TEXT,
                        message TEXT,
                        template_id INTEGER,
                        event_time TEXT,
                        first_event_time TEXT,
                        payload TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        UNIQUE (kind, natural_key)
                    );
                    CREATE INDEX pushes_task_id ON pushes (task_id);
                    CREATE INDEX pushes_phone ON pushes (phone);
                    CREATE INDEX pushes_received_at ON pushes (received_at);
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY,
                        push_id INTEGER NOT NULL REFERENCES pushes (id),
                        attempts INTEGER NOT NULL DEFAULT 0,
                        next_attempt_at TEXT NOT NULL,
                        delivered_at TEXT,
                        last_error TEXT
                    );
                    CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
                    """)
        }
        return migrator
    }
}
