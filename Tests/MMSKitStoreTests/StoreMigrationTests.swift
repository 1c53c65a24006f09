import Foundation
import GRDB
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

/// A store written by the release before the push model (schema v1: kinds `receipt`, `uplink`, `review` and
/// `jpush`, no outcome) is migrated in place when the current release opens it: every row kept, with its id,
/// natural key, payload bytes and times, its kind and outcome what the parsers decide today, the outbox intact.
/// The v1 schema and rows below are a frozen copy of what that release wrote; they are never updated.
@Suite struct StoreMigrationTests {
    /// One v1 row: its columns as v1 stored them, and what the migration must make of it.
    struct V1Row {
        var kind: String
        var provider: String
        var naturalKey: String
        var taskID: String?
        var phone: String?
        var code: String?
        var message: String?
        var templateID: Int?
        var eventTime: String?
        var firstEventTime: String?
        var payload: String
        var newKind: PushKind
        var outcome: PushOutcome?
    }

    static let rows: [V1Row] = [
        V1Row(
            kind: "receipt", provider: "ihuyi", naturalKey: "2:T1|11:13800000001", taskID: "T1", phone: "13800000001",
            code: "DELIVERED", message: "ok", eventTime: "2025-05-01 10:00:05", firstEventTime: "2025-05-01 10:00:05",
            payload:
                #"{"task_id":"T1","phone":"13800000001","code":"DELIVERED","message":"ok","report_time":"2025-05-01 10:00:05","operator":"cmcc"}"#,
            newKind: .deliveryReceipt, outcome: .delivered),
        V1Row(
            kind: "receipt", provider: "ihuyi", naturalKey: "2:T1|11:13800000002", taskID: "T1", phone: "13800000002",
            code: "MK:0001", message: "空号", eventTime: "2025-05-01 10:09:00", firstEventTime: "2025-05-01 10:01:00",
            payload: #"{ "task_id": "T1", "phone": "13800000002", "code": "MK:0001", "message": "空号" }"#,
            newKind: .deliveryReceipt, outcome: .failed),
        V1Row(
            kind: "uplink", provider: "ihuyi", naturalKey: "11:13800000001|19:2025-05-01 11:00:00|1:T", taskID: "T1",
            phone: "13800000001", message: "T", eventTime: "2025-05-01 11:00:00",
            firstEventTime: "2025-05-01 11:00:00",
            payload: #"{"task_id":"T1","phone":"13800000001","content":"T","receive_time":"2025-05-01 11:00:00"}"#,
            newKind: .reply),
        V1Row(
            kind: "review", provider: "ihuyi", naturalKey: "4:5501|4:FAIL|15:签名不规范", code: "FAIL", message: "签名不规范",
            templateID: 5501, payload: #"{"template_id":5501,"code":"FAIL","message":"签名不规范"}"#,
            newKind: .templateReview, outcome: .rejected),
        // v1 stored a review code no provider sends; it keeps no outcome rather than a made-up one.
        V1Row(
            kind: "review", provider: "ihuyi", naturalKey: "4:5502|7:PENDING|-", code: "PENDING", templateID: 5502,
            payload: #"{"template_id":5502,"code":"PENDING"}"#, newKind: .templateReview),
        V1Row(
            kind: "jpush", provider: "jpush", naturalKey: "10:SMS_REPORT|10:1605084873", taskID: "1605084873",
            phone: "13900000001", code: "4001", eventTime: "1733200000", firstEventTime: "1733200000",
            payload:
                #"{"data":{"msgId":"1605084873","phone":"13900000001","status":4001},"nonce":"1","timestamp":"1733200000123","type":"SMS_REPORT"}"#,
            newKind: .deliveryReceipt, outcome: .delivered),
        V1Row(
            kind: "jpush", provider: "jpush", naturalKey: "10:SMS_REPORT|10:1605084874", taskID: "1605084874",
            phone: "13900000002", code: "4003", eventTime: "1733200001", firstEventTime: "1733200001",
            payload:
                #"{"data":{"msgId":"1605084874","phone":"13900000002","status":4003},"nonce":"2","timestamp":"1733200000124","type":"SMS_REPORT"}"#,
            newKind: .deliveryReceipt, outcome: .failed),
        V1Row(
            kind: "jpush", provider: "jpush", naturalKey: "9:SMS_REPLY|11:13900000001|10:1733200009|2:TD",
            phone: "13900000001", code: "SMS_REPLY", message: "TD", eventTime: "1733200009",
            firstEventTime: "1733200009",
            payload:
                #"{"data":{"content":"TD","phone":"13900000001","replyTime":1733200009},"nonce":"3","timestamp":"1733200009000","type":"SMS_REPLY"}"#,
            newKind: .reply),
        V1Row(
            kind: "jpush", provider: "jpush", naturalKey: "12:SMS_TEMPLATE|4:1234|1:2|9:含营销词", code: "2",
            message: "含营销词",
            templateID: 1234, eventTime: "1733200010000", firstEventTime: "1733200010000",
            payload:
                #"{"data":{"refuseReason":"含营销词","status":2,"tempId":1234},"nonce":"4","timestamp":"1733200010000","type":"SMS_TEMPLATE"}"#,
            newKind: .templateReview, outcome: .rejected),
        V1Row(
            kind: "jpush", provider: "jpush", naturalKey: "8:SMS_SIGN|2:77|1:1|-", code: "1",
            eventTime: "1733200011000",
            firstEventTime: "1733200011000",
            payload: #"{"data":{"signId":77,"status":1},"nonce":"5","timestamp":"1733200011000","type":"SMS_SIGN"}"#,
            newKind: .signReview, outcome: .approved),
    ]

    /// When each row was received (the v1 store's own times, kept by the migration).
    static let received = Date(timeIntervalSince1970: 1_746_064_800)

    /// v1's SQLite schema, as that release's migration "v1: pushes and outbox" made it.
    static let sqliteV1Schema = """
        CREATE TABLE pushes (
            id INTEGER PRIMARY KEY, kind TEXT NOT NULL, provider TEXT NOT NULL, natural_key TEXT NOT NULL,
            task_id TEXT, phone TEXT, code TEXT, message TEXT, template_id INTEGER, event_time TEXT,
            first_event_time TEXT, payload TEXT NOT NULL, received_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            UNIQUE (kind, natural_key));
        CREATE INDEX pushes_task_id ON pushes (task_id);
        CREATE INDEX pushes_phone ON pushes (phone);
        CREATE INDEX pushes_received_at ON pushes (received_at);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY, push_id INTEGER NOT NULL REFERENCES pushes (id),
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL, delivered_at TEXT, last_error TEXT);
        CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1: pushes and outbox');
        """

    /// v1's PostgreSQL schema (that release created it with these statements and recorded no version).
    static let postgresV1Schema = [
        """
        CREATE TABLE pushes (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind TEXT NOT NULL, provider TEXT NOT NULL,
            natural_key TEXT NOT NULL, task_id TEXT, phone TEXT, code TEXT, message TEXT, template_id BIGINT,
            event_time TEXT, first_event_time TEXT, payload TEXT NOT NULL, received_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL, UNIQUE (kind, natural_key))
        """,
        "CREATE INDEX pushes_task_id ON pushes (task_id)",
        "CREATE INDEX pushes_phone ON pushes (phone)",
        "CREATE INDEX pushes_received_at ON pushes (received_at)",
        """
        CREATE TABLE outbox (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, push_id BIGINT NOT NULL REFERENCES pushes (id),
            attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TIMESTAMPTZ NOT NULL, delivered_at TIMESTAMPTZ,
            last_error TEXT)
        """,
        "CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL",
    ]

    static func literal(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    /// The INSERTs of the v1 rows (ids 1…n in order) and of two outbox rows: row 1 forwarded, row 2 waiting.
    static func inserts(time: String) -> [String] {
        rows.map { row in
            """
            INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, message, template_id, event_time,
                first_event_time, payload, received_at, updated_at)
            VALUES (\(literal(row.kind)), \(literal(row.provider)), \(literal(row.naturalKey)), \(literal(row.taskID)),
                \(literal(row.phone)), \(literal(row.code)), \(literal(row.message)),
                \(row.templateID.map(String.init) ?? "NULL"), \(literal(row.eventTime)), \(literal(row.firstEventTime)),
                \(literal(row.payload)), \(time), \(time))
            """
        } + [
            "INSERT INTO outbox (push_id, attempts, next_attempt_at, delivered_at) VALUES (1, 1, \(time), \(time))",
            "INSERT INTO outbox (push_id, attempts, next_attempt_at, last_error) VALUES (2, 3, \(time), 'HTTP 503')",
        ]
    }

    @Test(arguments: StoreBackend.allCases)
    func aV1StoreIsMigratedInPlaceWithEveryRowKept(_ backend: StoreBackend) async throws {
        let directory = try TemporaryDirectory("mmskit-migration")
        let location: StoreLocation
        switch backend {
        case .sqlite:
            let path = directory.appending("v1.sqlite")
            let time = "'2025-05-01 02:00:00.000'"  // GRDB's text form of `received` (UTC)
            let queue = try DatabaseQueue(path: path)
            let sql = Self.sqliteV1Schema + Self.inserts(time: time).map { $0 + ";" }.joined(separator: "\n")
            try await queue.write { db in try db.execute(sql: sql) }
            try queue.close()
            location = .sqlite(path: path)
            // Read-only commands refuse an outdated store with what to run, and change nothing.
            #expect {
                try SQLitePushStore(readingFrom: path)
            } throws: { error in
                "\(error)".contains("earlier release") && "\(error)".contains("receipts migrate")
            }
        case .postgres:
            guard let database = try await PostgresTestServer.freshDatabase() else { return }
            try await PostgresTestServer.execute(
                Self.postgresV1Schema + Self.inserts(time: "'2025-05-01 02:00:00+00'"), on: database)
            location = .postgres(database)
            await #expect {
                try await PostgresPushStore(readingFrom: database, logger: Logger(label: "test"))
            } throws: { error in
                "\(error)".contains("earlier release") && "\(error)".contains("receipts migrate")
            }
        }
        let store = try await location.open(forwarding: true, logger: Logger(label: "test"))
        let stored = try await collect(store.records(matching: PushQuery()))
        #expect(stored.count == Self.rows.count)
        for (index, (row, push)) in zip(Self.rows, stored).enumerated() {
            let record = push.record
            #expect(push.id == Int64(index + 1))
            #expect(record.kind == row.newKind, "row \(index + 1)")
            #expect(record.outcome == row.outcome, "row \(index + 1)")
            #expect(record.provider == ProviderID(row.provider) && record.naturalKey == row.naturalKey)
            #expect(record.taskID == row.taskID && record.phone == row.phone && record.code == row.code)
            #expect(record.message == row.message && record.templateID == row.templateID)
            #expect(record.eventTime == row.eventTime && push.firstEventTime == row.firstEventTime)
            #expect(String(decoding: record.payload, as: UTF8.self) == row.payload)
            #expect(push.receivedAt == Self.received && push.updatedAt == Self.received && push.revision == 1)
        }
        // The outbox kept its rows: the forwarded one is not offered again, the waiting one is, with its attempts.
        let pending = try await store.pendingDeliveries(limit: 10, now: Self.received.addingTimeInterval(60))
        #expect(pending.map(\.push.id) == [2] && pending.first?.attempts == 3)
        #expect(try await store.outboxBacklog() == 1)
        // The natural keys are kept: a push retried across the upgrade is recognised as stored.
        let retried = try JPushCallbackParser.record(
            from: JPushCallback(
                nonce: "9", timestamp: "1733200099000", type: .reply,
                data: #"{"phone":"13900000001","replyTime":1733200009,"content":"TD"}"#, signature: ""))
        #expect(try await store.store([retried]) == StoreOutcome(duplicates: 1))
        // Statistics count the outcomes the migration decided.
        let statistics = try await store.statistics(task: nil)
        #expect(statistics.tasks.map(\.taskID) == ["T1", "1605084873", "1605084874"])
        #expect(statistics.tasks.map(\.delivered) == [1, 1, 0])
        #expect(statistics.uplinks == 2)
        try await store.close()
        // A second opening finds nothing to do, and the store now opens for reading.
        let again = try await location.open(forwarding: false, logger: Logger(label: "test"))
        #expect(try await collect(again.records(matching: PushQuery())).count == Self.rows.count)
        try await again.close()
    }

    /// The deploy step with the built binary: the read commands name `receipts migrate`, which migrates once.
    @Test func receiptsMigrateBringsAV1StoreUpToDateOnce() async throws {
        let directory = try TemporaryDirectory("mmskit-migration-cli")
        let path = directory.appending("v1.sqlite")
        let queue = try DatabaseQueue(path: path)
        let sql =
            Self.sqliteV1Schema
            + Self.inserts(time: "'2025-05-01 02:00:00.000'").map { $0 + ";" }.joined(separator: "\n")
        try await queue.write { db in try db.execute(sql: sql) }
        try queue.close()
        let refused = try CLIRunner.run(["receipts", "list", "--db", path])
        #expect(refused.status == 2 && refused.stderr.contains("receipts migrate --db \(path)"), "\(refused.stderr)")
        let migrated = try CLIRunner.run(["receipts", "migrate", "--db", path])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(
            migrated.stdoutText == "\(path): applied 'v2: one push model', 'v3: suppression list', 'v4: kind index'\n")
        let again = try CLIRunner.run(["receipts", "migrate", "--db", path])
        #expect(again.stdoutText == "\(path): up to date\n")
        let listed = try CLIRunner.run(["receipts", "list", "--db", path, "--kind", "sign_review", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(rows.map { $0["outcome"] as? String } == ["approved"])
    }
}
