/// One change to the store's schema, written once for SQLite and once for PostgreSQL and applied in order by both
/// (`SQLiteSchema` through GRDB's `DatabaseMigrator`, `PostgresSchema` with its `mmskit_schema_migrations` table).
/// A shipped migration is never edited: a later change is a new migration at the end of `all`, so that every
/// store, whichever release wrote it, is brought to the same schema in place, nothing lost.
struct StoreMigration: Sendable {
    /// The name recorded once the migration is applied (GRDB's identifier; a row of `mmskit_schema_migrations`).
    let identifier: String
    /// The SQLite statements, run in one transaction.
    let sqlite: String
    /// The PostgreSQL statements, run in order in one transaction.
    let postgres: [String]

    /// Every migration, oldest first.
    static let all: [StoreMigration] = [pushesAndOutbox, onePushModel, suppressionList, kindIndex]

    /// The identifiers of `all`, oldest first.
    static var identifiers: [String] { all.map(\.identifier) }

    /// 0.x: the `pushes` table (one row per kind and natural key) and the forwarding `outbox`.
    static let pushesAndOutbox = StoreMigration(
        identifier: "v1: pushes and outbox",
        sqlite: """
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
            """,
        postgres: [
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
        ])

    /// v1 stored a JSMS callback of any type as the kind `jpush`, told apart by its natural key's first part
    /// (`PushRecord.key("SMS_REPORT", …)` starts `10:SMS_REPORT|`). The natural keys themselves are kept, so a
    /// push retried across the upgrade is still recognised as stored.
    private static let kindOfV1Row = """
        CASE kind
            WHEN 'receipt' THEN 'delivery_receipt'
            WHEN 'uplink' THEN 'reply'
            WHEN 'review' THEN 'template_review'
            WHEN 'jpush' THEN CASE
                WHEN substr(natural_key, 1, 14) = '10:SMS_REPORT|' THEN 'delivery_receipt'
                WHEN substr(natural_key, 1, 12) = '9:SMS_REPLY|' THEN 'reply'
                WHEN substr(natural_key, 1, 16) = '12:SMS_TEMPLATE|' THEN 'template_review'
                WHEN substr(natural_key, 1, 11) = '8:SMS_SIGN|' THEN 'sign_review'
                ELSE kind END
            ELSE kind END
        """

    /// The outcome of a row with the v2 kind, by the rules the parsers apply (`IhuyiDeliveryReceipt.outcome(of:)`,
    /// `JPushReport.outcome(of:)`, `IhuyiTemplateReview.outcome(of:)`, `JPushTemplateStatus.outcome(of:)`). A
    /// review code v1 stored although no provider sends it keeps no outcome.
    private static let outcomeOfRow = """
        CASE
            WHEN kind = 'delivery_receipt' AND provider = 'jpush' THEN
                CASE WHEN code = '4001' THEN 'delivered' ELSE 'failed' END
            WHEN kind = 'delivery_receipt' THEN CASE WHEN code = 'DELIVERED' THEN 'delivered' ELSE 'failed' END
            WHEN kind IN ('template_review', 'sign_review') AND provider = 'jpush' THEN
                CASE code WHEN '0' THEN 'in_review' WHEN '1' THEN 'approved' WHEN '2' THEN 'rejected' END
            WHEN kind = 'template_review' THEN CASE code WHEN 'SUCCESS' THEN 'approved' WHEN 'FAIL' THEN 'rejected' END
        END
        """

    /// 1.x: one model of a push — the kind says what a record is (delivery receipt, reply, template or sign
    /// review), never who sent it; the outcome each provider's parser decided is stored beside the code; a natural
    /// key is unique per provider and kind; a revision number counts a record's revisions (1, then +1 for each
    /// later report that changes it), so that no two revisions share a webhook id (v1 kept no count: a revised
    /// row becomes revision 2).
    static let onePushModel = StoreMigration(
        identifier: "v2: one push model",
        sqlite: """
            CREATE TABLE pushes_v2 (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                provider TEXT NOT NULL,
                natural_key TEXT NOT NULL,
                task_id TEXT,
                phone TEXT,
                code TEXT,
                outcome TEXT,
                message TEXT,
                template_id INTEGER,
                event_time TEXT,
                first_event_time TEXT,
                payload TEXT NOT NULL,
                received_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                revision INTEGER NOT NULL DEFAULT 1,
                UNIQUE (provider, kind, natural_key)
            );
            INSERT INTO pushes_v2 (id, kind, provider, natural_key, task_id, phone, code, message, template_id,
                event_time, first_event_time, payload, received_at, updated_at, revision)
            SELECT id, \(kindOfV1Row), provider, natural_key, task_id, phone, code, message, template_id,
                event_time, first_event_time, payload, received_at, updated_at,
                CASE WHEN updated_at = received_at THEN 1 ELSE 2 END
            FROM pushes ORDER BY id;
            UPDATE pushes_v2 SET outcome = \(outcomeOfRow);
            DROP TABLE pushes;
            ALTER TABLE pushes_v2 RENAME TO pushes;
            CREATE INDEX pushes_task_id ON pushes (task_id);
            CREATE INDEX pushes_phone ON pushes (phone);
            CREATE INDEX pushes_received_at ON pushes (received_at);
            CREATE INDEX pushes_kind_outcome ON pushes (kind, outcome);
            """,
        postgres: [
            "ALTER TABLE pushes ADD COLUMN outcome TEXT",
            "ALTER TABLE pushes ADD COLUMN revision INTEGER NOT NULL DEFAULT 1",
            "UPDATE pushes SET revision = 2 WHERE updated_at <> received_at",
            "UPDATE pushes SET kind = \(kindOfV1Row)",
            "UPDATE pushes SET outcome = \(outcomeOfRow)",
            "ALTER TABLE pushes DROP CONSTRAINT pushes_kind_natural_key_key",
            "ALTER TABLE pushes ADD CONSTRAINT pushes_provider_kind_natural_key_key UNIQUE (provider, kind, natural_key)",
            "CREATE INDEX pushes_kind_outcome ON pushes (kind, outcome)",
        ])

    /// 1.x: the suppression list — a number per row (`OptOut.phoneKey(_:)`), across every provider, with how it
    /// came to be there (a reply, added by hand, imported), the provider, keyword and task of a reply, and when.
    static let suppressionList = StoreMigration(
        identifier: "v3: suppression list",
        sqlite: """
            CREATE TABLE suppressions (
                phone TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                provider TEXT,
                keyword TEXT,
                task_id TEXT,
                opted_out_at TEXT NOT NULL
            );
            CREATE INDEX suppressions_opted_out_at ON suppressions (opted_out_at);
            """,
        postgres: [
            """
            CREATE TABLE suppressions (
                phone TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                provider TEXT,
                keyword TEXT,
                task_id TEXT,
                opted_out_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE INDEX suppressions_opted_out_at ON suppressions (opted_out_at)",
        ])

    /// 1.x: the index v2 made on (kind, outcome) becomes one on kind. The statistics filter by kind, never by
    /// outcome alone; an index holding outcome made every revised receipt change an index entry, and made SQLite
    /// keep a statement journal for each upsert of a group commit (on PostgreSQL it ruled out HOT updates): 12–20 %
    /// of the receiver's CPU per POST of 100 receipts (Benchmarks/README.md).
    static let kindIndex = StoreMigration(
        identifier: "v4: kind index",
        sqlite: """
            DROP INDEX IF EXISTS pushes_kind_outcome;
            CREATE INDEX pushes_kind ON pushes (kind);
            """,
        postgres: [
            "DROP INDEX IF EXISTS pushes_kind_outcome",
            "CREATE INDEX pushes_kind ON pushes (kind)",
        ])
}
