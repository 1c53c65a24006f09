import Foundation
import GRDB
import MMSKit

/// The default store: one SQLite file through GRDB, in WAL mode with `synchronous=FULL` so that every commit is
/// fsynced before `store` returns. All writes go through one group-commit writer.
public final class SQLitePushStore: PushStore {
    public let path: String
    /// Whether stored records also get an outbox row to be forwarded.
    public let forwarding: Bool
    /// The replies that add a number to the suppression list (or take it off), in the reply's transaction.
    public let keywords: OptOutKeywords
    /// A WAL pool, or for reading only a read-only queue.
    private let database: any DatabaseWriter
    private let committer: GroupCommitter
    /// The schema migrations opening the store applied, oldest first (empty when it was up to date, or opened
    /// for reading).
    public let migrationsAppliedAtOpening: [String]

    /// Opens (creating when needed) the database at `path` and brings its schema up to date.
    /// - Parameters:
    ///   - path: the database file.
    ///   - forwarding: whether stored records also get outbox rows.
    ///   - keywords: the replies that opt a number out (or back in).
    public convenience init(path: String, forwarding: Bool = false, keywords: OptOutKeywords = OptOutKeywords()) throws
    {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let pool: DatabasePool
        var applied: [String] = []
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let before = try pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
            try SQLiteSchema.migrator.migrate(pool)
            applied = SQLiteSchema.migrator.migrations.filter { !before.contains($0) }
            // The writer connection's settings, in one access:
            // - GRDB sets NORMAL on a WAL pool's writer; FULL makes every commit fsync before it returns.
            // - A statement journal an upsert of a group commit needs stays in memory: with v2's (kind, outcome)
            //   index (v4 replaced it) it spilled to its temporary file, and each later upsert wrote every page it
            //   touched there in two write(2) calls (1,200 per 100 receipts, half the writer's time). In memory it
            //   costs a copy of a few pages per statement.
            // - The writer checkpoints the WAL into the database file every 4,000 pages (16 MB) instead of SQLite's
            //   1,000: the B-trees' last pages, which every group commit rewrites, are copied to the file once per
            //   checkpoint, so fewer checkpoints write fewer pages per receipt. One receipt per POST went 1.05×
            //   faster (7 rounds of 8, side by side; Benchmarks/README.md); recovery after a crash replays at most
            //   16 MB, and the commit that checkpoints takes longer (p99 of 100 receipts per POST about 100–120 ms,
            //   was 65–80).
            try pool.writeWithoutTransaction { db in
                try db.execute(
                    sql: """
                        PRAGMA synchronous = FULL;
                        PRAGMA temp_store = MEMORY;
                        PRAGMA wal_autocheckpoint = \(Self.autocheckpointPages);
                        """)
            }
        } catch {
            throw StoreError.unusable(path, error)
        }
        self.init(
            path: path, forwarding: forwarding, keywords: keywords, database: pool, migrationsApplied: applied)
    }

    /// Opens the store at `path` for reading only: nothing is created, migrated or written, so an unrelated
    /// database or a read-only store is left as it is.
    /// - Throws: `StoreError` naming the file when it is not a SQLite database holding mmskit's tables.
    public convenience init(readingFrom path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let notAStore = { (reason: String) in
            StoreError(
                "\(path) is not an mmskit store: \(reason) (receipts serve creates the store in the file its --db names)"
            )
        }
        let queue: DatabaseQueue
        do {
            queue = try Self.openReadOnly(path, configuration: configuration)
            let applied = try queue.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
            guard !applied.isEmpty else { throw notAStore("it is a SQLite database without mmskit's tables") }
            let known = SQLiteSchema.migrator.migrations
            let inOrder = known.filter(applied.contains) + applied.subtracting(known).sorted()
            if let outdated = StoreError.schema(path, applied: inOrder) { throw outdated }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw notAStore("it is not a SQLite database")
        } catch {
            throw StoreError.unusable(path, error)
        }
        self.init(path: path, forwarding: false, keywords: OptOutKeywords(), database: queue)
    }

    /// A read-only connection to `path`. A WAL database needs its `-shm` file, which SQLite creates beside it when
    /// missing; in a directory the reader cannot write (a store closed cleanly has no `-wal` or `-shm` left), the
    /// file is opened as immutable instead, which is sound because with no `-wal` every commit is in the file.
    private static func openReadOnly(_ path: String, configuration: Configuration) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError
            where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode)
            && !FileManager.default.fileExists(atPath: path + "-wal")
        {
            var uri = URLComponents()
            uri.scheme = "file"
            uri.path = URL(fileURLWithPath: path).path
            uri.queryItems = [URLQueryItem(name: "immutable", value: "1")]
            guard let immutable = uri.string else { throw error }
            let queue = try DatabaseQueue(path: immutable, configuration: configuration)
            try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        }
    }

    private init(
        path: String, forwarding: Bool, keywords: OptOutKeywords, database: any DatabaseWriter,
        migrationsApplied: [String] = []
    ) {
        self.path = path
        migrationsAppliedAtOpening = migrationsApplied
        self.forwarding = forwarding
        self.keywords = keywords
        self.database = database
        // Each group's transaction runs on GRDB's writer queue, and the next group is taken from there as soon as
        // one commits: no hop back into Swift concurrency between two groups. Other writes (the outbox, the
        // suppression list) queue between two groups.
        committer = GroupCommitter { records, completion in
            database.asyncWriteWithoutTransaction { db in
                completion(
                    Result {
                        try Self.transaction(in: db) {
                            try Self.write(records, forwarding: forwarding, keywords: keywords, in: db)
                        }
                    })
            }
        }
    }

    public func store(_ records: [PushRecord]) async throws -> StoreOutcome {
        try await committer.submit(records)
    }

    public var committedTransactions: Int {
        get async { committer.transactions }
    }

    /// The journal mode and synchronous level in force on the writer connection (`wal`, 2 = FULL).
    public func durabilitySettings() async throws -> (journalMode: String, synchronous: Int) {
        try await database.write { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
            )
        }
    }

    /// WAL pages after which a commit checkpoints them into the database file (SQLite's default is 1,000).
    static let autocheckpointPages = 4_000

    /// The value of `PRAGMA name` on the writer connection (`temp_store` is 2 when statement journals are kept in
    /// memory).
    func writerSetting(_ name: String) async throws -> Int {
        try await database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") ?? -1 }
    }

    /// Runs `body` in an immediate transaction whose `BEGIN` and `COMMIT` are prepared once per connection
    /// (`Database.inTransaction` prepares both at every call: 1.6 % of the receiver's CPU under one receipt per
    /// POST, on the writer's path); rolls back and rethrows when `body` or the commit fails.
    private static func transaction<T>(in db: Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            let result = try body()
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return result
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
    }

    /// Stores `records` in the open transaction with one upsert each: a new natural key is inserted; a delivery
    /// report whose code changed updates its row (first_event_time keeps the first report's time), also a row an
    /// earlier record of the batch inserted; anything else is a duplicate and changes no row.
    private static func write(
        _ records: [PushRecord], forwarding: Bool, keywords: OptOutKeywords, in db: Database
    ) throws -> [StorageRules.Outcome] {
        let date = Date()
        guard let now = String.fromDatabaseValue(date.databaseValue) else { return [] }
        let upsert = try SQLiteUpsert(db)
        let enqueue = try db.cachedStatement(sql: "INSERT INTO outbox (push_id, next_attempt_at) VALUES (?, ?)")
        return try records.map { record in
            let id: Int64
            let outcome: StorageRules.Outcome
            switch try upsert(record, receivedAt: now, revisable: record.kind.isRevisable) {
            case nil: return .duplicate
            case .inserted(let row)?: (id, outcome) = (row, .inserted)
            case .updated(let row)?: (id, outcome) = (row, .updated)
            }
            if forwarding { try enqueue.execute(arguments: [id, now]) }
            // A reply stored for the first time changes the list in its own transaction; a retried one does not
            // (a number put back by hand stays back).
            if outcome == .inserted, let change = ReplyOptOut(record, keywords: keywords, time: date) {
                try apply(change, in: db)
            }
            return outcome
        }
    }

    public func page(_ query: PushQuery, after id: Int64?, limit: Int) async throws -> [StoredPush] {
        let (sql, arguments) = Self.pageStatement(query, after: id, limit: limit)
        return try await read { db in
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            var pushes: [StoredPush] = []
            while let row = try rows.next() { pushes.append(try Self.push(row)) }
            return pushes
        }
    }

    /// The query of one page. By task or by phone it names the index to read: the receiver never runs `ANALYZE`,
    /// and without statistics SQLite takes `kind = ?` for as selective as `task_id = ?` and reads `pushes_kind`,
    /// so a page of one task's receipts walked every receipt stored after the previous page, and a task's last page
    /// every receipt to the end of the table (the report of a campaign of 100 tasks over 1,000,000 receipts took
    /// 45 s; Benchmarks/report-scale.sh). The task's (or phone's) index holds its rows in row id order: a page is
    /// one range of it.
    static func pageStatement(
        _ query: PushQuery, after id: Int64?, limit: Int
    ) -> (sql: String, arguments: StatementArguments) {
        let filters = PushColumns.filters(query, after: id) { _ in "?" }
        let index =
            query.taskID != nil ? " INDEXED BY pushes_task_id" : query.phone != nil ? " INDEXED BY pushes_phone" : ""
        return (
            "SELECT \(PushColumns.list()) FROM pushes\(index) WHERE \(filters.sql) ORDER BY id LIMIT ?",
            StatementArguments(filters.values.map(Self.databaseValue)) + [limit]
        )
    }

    /// How SQLite reads a page of `query` (`EXPLAIN QUERY PLAN`'s details).
    func pagePlan(_ query: PushQuery, after id: Int64?) async throws -> [String] {
        let (sql, arguments) = Self.pageStatement(query, after: id, limit: 1)
        return try await read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }

    public func statistics(task: String?) async throws -> PushStatistics {
        try await read { db in
            let taskFilter = task == nil ? "" : " AND task_id = ?"
            let arguments: StatementArguments = task.map { [$0] } ?? []
            let groups = try Array(
                Row.fetchCursor(
                    db,
                    sql: """
                        SELECT task_id, provider, code, outcome, COUNT(*) AS count, MIN(id) AS first FROM pushes
                        WHERE \(StorageRules.kindCondition(.deliveryReceipt)) AND task_id IS NOT NULL\(taskFilter)
                        GROUP BY task_id, provider, code, outcome ORDER BY first
                        """, arguments: arguments
                ).map { row in
                    StatisticsGroup(
                        taskID: Self.text(row, "task_id") ?? "", provider: ProviderID(Self.text(row, "provider") ?? ""),
                        code: Self.text(row, "code"), outcome: Self.text(row, "outcome"), count: row["count"],
                        first: row["first"])
                })
            let uplinks =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM pushes WHERE \(StorageRules.kindCondition(.reply))\(taskFilter)",
                    arguments: arguments) ?? 0
            let reviews = try Array(
                Row.fetchCursor(
                    db,
                    sql:
                        "SELECT template_id, provider, code, message, event_time, received_at FROM pushes WHERE \(StorageRules.kindCondition(.templateReview)) ORDER BY id"
                ).map { row in
                    PushStatistics.Review(
                        templateID: row["template_id"], provider: ProviderID(Self.text(row, "provider") ?? ""),
                        code: Self.text(row, "code"), message: Self.text(row, "message"),
                        time: Self.text(row, "event_time") ?? StoredPush.timestamp(row["received_at"]))
                })
            return StatisticsGroup.statistics(groups, uplinks: uplinks, reviews: reviews)
        }
    }

    public func pendingDeliveries(limit: Int, now: Date) async throws -> [OutboxDelivery] {
        try await read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT o.id AS outbox_id, o.attempts, o.last_error, \(PushColumns.list("p"))
                    FROM outbox o JOIN pushes p ON p.id = o.push_id
                    WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ?1
                    AND NOT EXISTS (
                        SELECT 1 FROM outbox e JOIN pushes q ON q.id = e.push_id
                        WHERE e.delivered_at IS NULL AND e.id < o.id AND e.next_attempt_at > ?1 AND q.task_id = p.task_id)
                    ORDER BY o.id LIMIT ?2
                    """, arguments: [now, limit])
            return try Array(
                rows.map { row in
                    OutboxDelivery(
                        id: row["outbox_id"], push: try Self.push(row, from: 3), attempts: row["attempts"],
                        lastError: Self.text(row, "last_error"))
                })
        }
    }

    public func observeCommits(_ observer: @escaping @Sendable (CommitObservation) -> Void) async {
        committer.observe(observer)
    }

    public func outboxBacklog() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL") ?? 0
        }
    }

    public func markDelivered(_ delivery: OutboxDelivery.ID) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?",
                arguments: [Date(), delivery])
        }
    }

    public func markFailed(_ delivery: OutboxDelivery.ID, nextAttempt: Date, error: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                arguments: [nextAttempt, error, delivery])
        }
    }

    public func close() async throws {
        await committer.close()
        try database.close()
    }

    /// Runs `body` in a write transaction (outside the group commit: for the suppression list's own changes).
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await database.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unusable(path, error)
        }
    }

    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unusable(path, error)
        }
    }

    /// A record from a row of a cursor (see `text`).
    /// A row of `PushColumns.list()` as a stored push, its columns read by position (a page of a million-row
    /// export or report reads 16 columns a row; GRDB's lookup by name was 7 % of a report's CPU) and their bytes
    /// copied once.
    private static func push(_ row: Row, from first: Int = 0) throws -> StoredPush {
        func text(_ index: Int) throws -> String? {
            try row.withUnsafeData(atIndex: first + index) { data in data.map { String(decoding: $0, as: UTF8.self) } }
        }
        func date(_ index: Int) throws -> Date {
            if let date = try row.withUnsafeData(atIndex: first + index, { data in data.flatMap(StoredTimestamp.date) })
            {
                return date
            }
            return row[first + index]
        }
        return try PushColumns.push(
            id: row[first], kind: text(1) ?? "", provider: text(2) ?? "", naturalKey: text(3) ?? "", taskID: text(4),
            phone: text(5), code: text(6), outcome: text(7), message: text(8), templateID: row[first + 9],
            eventTime: text(10), firstEventTime: text(11),
            payload: try row.withUnsafeData(atIndex: first + 12) { $0.map { Data($0) } } ?? Data(),
            receivedAt: date(13),
            updatedAt: date(14), revision: row[first + 15])
    }

    /// A text column whole: GRDB reads text only up to a NUL, which a store written before the stores refused
    /// NUL may hold, so it is read as its bytes. Only a cursor's rows (not `fetchAll`'s copies) give the bytes.
    private static func text(_ row: Row, _ column: String) -> String? {
        (row[column] as Data?).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func databaseValue(_ value: PushColumns.Value) -> (any DatabaseValueConvertible)? {
        switch value {
        case .text(let text): text
        case .date(let date): date
        case .id(let id): id
        }
    }
}
