import Foundation
import Logging
import MMSKit
import PostgresNIO
import ServiceLifecycle

/// The store for several receivers: PostgreSQL through postgres-nio's `PostgresClient` (a connection pool), the
/// same schema and rules as SQLite, with upserts (`INSERT … ON CONFLICT … DO UPDATE … WHERE code IS DISTINCT FROM`)
/// so that processes sharing the database store every natural key once. Writes are group-committed.
public final class PostgresPushStore: PushStore {
    public let location: StoreLocation.PostgresLocation
    public let forwarding: Bool
    /// The replies that add a number to the suppression list (or take it off), in the reply's transaction.
    public let keywords: OptOutKeywords
    let pool: ConnectionPool
    /// The task running the pool when the store runs it itself; nil when the caller runs `services`.
    private let runner: Task<Void, Never>?
    private let committer: GroupCommitter
    let logger: Logger
    /// The schema migrations opening the store applied, oldest first (empty when it was up to date, or opened
    /// for reading).
    public let migrationsAppliedAtOpening: [String]

    /// Who runs the store's connection pool (postgres-nio's `PostgresClient` leases connections only while its
    /// `run()` is running).
    public enum PoolRunning: Sendable {
        /// The store runs it in a task of its own until `close()`: for a command that opens, uses and closes it.
        case byTheStore
        /// The caller runs `services` in its `ServiceGroup` (the receiver does, with its forwarder), and the pool
        /// stops with the group; the store is closed before that.
        case asService
    }

    /// Connects, and creates the tables when they do not exist yet (or migrates them in place).
    /// - Parameters:
    ///   - location: the server, database and login.
    ///   - forwarding: whether stored records also get outbox rows.
    ///   - logger: the client's own logging.
    ///   - connectTimeout: how long to wait for the server before giving up.
    ///   - pool: who runs the connection pool.
    ///   - keywords: the replies that opt a number out (or back in).
    public convenience init(
        location: StoreLocation.PostgresLocation, forwarding: Bool = false, logger: Logger,
        connectTimeout: Duration = .seconds(15), pool: PoolRunning = .byTheStore,
        keywords: OptOutKeywords = OptOutKeywords()
    ) async throws {
        try await self.init(
            location: location, forwarding: forwarding, logger: logger, connectTimeout: connectTimeout, pool: pool,
            keywords: keywords
        ) { connection in
            try await PostgresSchema.migrate(connection, logger: logger)
        }
    }

    /// Connects to read an existing store: the schema is neither created nor changed.
    /// - Throws: `StoreError` naming the database when it holds no mmskit store yet.
    public convenience init(
        readingFrom location: StoreLocation.PostgresLocation, logger: Logger, connectTimeout: Duration = .seconds(15)
    ) async throws {
        try await self.init(
            location: location, forwarding: false, logger: logger, connectTimeout: connectTimeout, pool: .byTheStore,
            keywords: OptOutKeywords()
        ) { connection in
            let applied = try await PostgresSchema.applied(connection, logger: logger)
            guard !applied.isEmpty else {
                throw StoreError(
                    "the database \(StoreLocation.postgres(location)) holds no mmskit store yet (it has no pushes and outbox tables); receipts serve --db with this URL creates them"
                )
            }
            if let outdated = StoreError.schema(StoreLocation.postgres(location).description, applied: applied) {
                throw outdated
            }
            return []
        }
    }

    /// Connects once (`PostgresLogin`) and runs `prepare` on that connection, then makes the pool, and runs it
    /// when `pool` says the store runs it.
    private init(
        location: StoreLocation.PostgresLocation, forwarding: Bool, logger: Logger, connectTimeout: Duration,
        pool: PoolRunning, keywords: OptOutKeywords,
        prepare: @Sendable @escaping (PostgresConnection) async throws -> [String]
    ) async throws {
        self.location = location
        self.forwarding = forwarding
        self.keywords = keywords
        self.logger = logger
        do {
            migrationsAppliedAtOpening = try await PostgresLogin.withConnection(
                location, timeout: connectTimeout, logger: logger
            ) { connection in
                try await Self.withTimeout(connectTimeout, location: location) { try await prepare(connection) }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.unusable(StoreLocation.postgres(location).description, StoreError.reason(error))
        }
        var configuration: PostgresClient.Configuration
        if let socket = location.socketPath {
            configuration = .init(
                unixSocketPath: socket, username: location.user, password: location.password,
                database: location.database)
        } else {
            let tls: PostgresClient.Configuration.TLS =
                switch location.tls {
                case .disable: .disable
                case .prefer: .prefer(.makeClientConfiguration())
                case .require: .require(.makeClientConfiguration())
                }
            configuration = .init(
                host: location.host ?? "127.0.0.1", port: location.port, username: location.user,
                password: location.password,
                database: location.database, tls: tls)
        }
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = connectTimeout
        let connections = ConnectionPool(PostgresClient(configuration: configuration, backgroundLogger: logger))
        self.pool = connections
        switch pool {
        case .byTheStore: runner = Task { await connections.run() }
        case .asService: runner = nil
        }
        committer = GroupCommitter { (records: [PushRecord]) async throws -> [StorageRules.Outcome] in
            try await connections.running().withTransaction(logger: logger) { connection in
                let outcomes = try await Self.write(records, forwarding: forwarding, on: connection, logger: logger)
                try await Self.applyOptOuts(
                    of: records, outcomes: outcomes, keywords: keywords, on: connection, logger: logger)
                return outcomes
            }
        }
    }

    /// The connection pool when the store was opened with `pool: .asService` (run it in the `ServiceGroup` that
    /// uses the store, before the services that use it); empty when the store runs it itself.
    public var services: [any Service] { runner == nil ? [pool] : [] }

    public func store(_ records: [PushRecord]) async throws -> StoreOutcome {
        try await committer.submit(records)
    }

    public var committedTransactions: Int {
        get async { committer.transactions }
    }

    static let upsert = """
        INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, message, template_id, event_time,
            first_event_time, payload, received_at, updated_at, outcome)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11, $11, $13)
        ON CONFLICT (provider, kind, natural_key) DO UPDATE SET code = excluded.code, outcome = excluded.outcome,
            revision = pushes.revision + 1,
            message = excluded.message, event_time = excluded.event_time, payload = excluded.payload,
            updated_at = excluded.updated_at
        WHERE $12::boolean AND pushes.code IS DISTINCT FROM excluded.code
        RETURNING id, (xmax = 0) AS inserted
        """

    /// Every record of a group in one statement: the records travel as one JSON array (PostgresNIO's arrays
    /// cannot hold nulls), rows are inserted in arrival order, and the returned keys say which record each row is.
    /// A round trip per record made a group of 64 arrays of 100 receipts take 6,400 round trips.
    static let groupUpsert = """
        INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, message, template_id, event_time,
            first_event_time, payload, received_at, updated_at, outcome)
        SELECT r.kind, r.provider, r.natural_key, r.task_id, r.phone, r.code, r.message, r.template_id, r.event_time,
            r.event_time, r.payload, $2, $2, r.outcome
        FROM jsonb_to_recordset($1::jsonb) AS r(position int, kind text, provider text, natural_key text, task_id text,
            phone text, code text, outcome text, message text, template_id int8, event_time text, payload text)
        ORDER BY r.position
        ON CONFLICT (provider, kind, natural_key) DO UPDATE SET code = excluded.code, outcome = excluded.outcome,
            revision = pushes.revision + 1,
            message = excluded.message, event_time = excluded.event_time, payload = excluded.payload,
            updated_at = excluded.updated_at
        WHERE \(StorageRules.revisableCondition(table: "pushes")) AND pushes.code IS DISTINCT FROM excluded.code
        RETURNING id, (xmax = 0) AS inserted, provider, kind, natural_key
        """

    /// One record of `groupUpsert`'s JSON array.
    struct GroupRow: Encodable {
        var position: Int
        var kind: String
        var provider: String
        var natural_key: String
        var task_id: String?
        var phone: String?
        var code: String?
        var outcome: String?
        var message: String?
        var template_id: Int?
        var event_time: String?
        var payload: String
    }

    /// Stores the records on a connection in a transaction, in the order they came (their ids are arrival order).
    /// First it takes a transaction-level advisory lock per natural key in one sorted sweep, so that two receivers
    /// storing overlapping batches wait for each other instead of deadlocking on the unique index. A group whose
    /// natural keys are all different goes in one statement; one that repeats a key (a push and its retry in the
    /// same group) goes record by record, because one statement cannot insert a row and update it again.
    private static func write(
        _ records: [PushRecord], forwarding: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> [StorageRules.Outcome] {
        let now = Date()
        let keys = Array(Set(records.map { lockKey($0) })).sorted()
        try await connection.query("SELECT pg_advisory_xact_lock(k) FROM unnest(\(keys)::int8[]) AS k", logger: logger)
        let identities = records.map { "\($0.provider)\u{0}\($0.kind.rawValue)\u{0}\($0.naturalKey)" }
        let positions = Dictionary(identities.enumerated().map { ($1, $0) }) { first, _ in first }
        guard positions.count == records.count else {
            return try await writeOneByOne(records, forwarding: forwarding, now: now, on: connection, logger: logger)
        }
        let rows = records.enumerated().map { index, record in
            GroupRow(
                position: index, kind: record.kind.rawValue, provider: record.provider.rawValue,
                natural_key: record.naturalKey, task_id: record.taskID, phone: record.phone, code: record.code,
                outcome: record.outcome?.rawValue, message: record.message,
                template_id: record.templateID, event_time: record.eventTime,
                payload: String(decoding: record.payload, as: UTF8.self))
        }
        var binds = PostgresBindings(capacity: 2)
        binds.append(String(decoding: try JSONEncoder().encode(rows), as: UTF8.self))
        binds.append(now)
        var outcomes = [StorageRules.Outcome](repeating: .duplicate, count: records.count)
        var stored: [Int64] = []
        for try await row in try await connection.query(
            PostgresQuery(unsafeSQL: groupUpsert, binds: binds), logger: logger)
        {
            let (id, inserted, provider, kind, naturalKey) = try row.decode((Int64, Bool, String, String, String).self)
            guard let index = positions["\(provider)\u{0}\(kind)\u{0}\(naturalKey)"] else { continue }
            outcomes[index] = inserted ? .inserted : .updated
            stored.append(id)
        }
        if forwarding && !stored.isEmpty {
            try await connection.query(
                "INSERT INTO outbox (push_id, next_attempt_at) SELECT id, \(now) FROM unnest(\(stored.sorted())::int8[]) AS id ORDER BY id",
                logger: logger)
        }
        return outcomes
    }

    /// `write` for a group that repeats a natural key: one upsert per record, in arrival order.
    private static func writeOneByOne(
        _ records: [PushRecord], forwarding: Bool, now: Date, on connection: PostgresConnection, logger: Logger
    ) async throws -> [StorageRules.Outcome] {
        var outcomes = [StorageRules.Outcome](repeating: .duplicate, count: records.count)
        for index in records.indices {
            let record = records[index]
            var binds = PostgresBindings(capacity: 13)
            binds.append(record.kind.rawValue)
            binds.append(record.provider.rawValue)
            binds.append(record.naturalKey)
            binds.append(record.taskID)
            binds.append(record.phone)
            binds.append(record.code)
            binds.append(record.message)
            binds.append(record.templateID)
            binds.append(record.eventTime)
            binds.append(String(decoding: record.payload, as: UTF8.self))
            binds.append(now)
            binds.append(record.kind.isRevisable)
            binds.append(record.outcome?.rawValue)
            var returned: (Int64, Bool)?
            for try await row in try await connection.query(
                PostgresQuery(unsafeSQL: upsert, binds: binds), logger: logger)
            {
                returned = try row.decode((Int64, Bool).self)
            }
            guard let (id, inserted) = returned else { continue }
            outcomes[index] = inserted ? .inserted : .updated
            if forwarding {
                try await connection.query(
                    "INSERT INTO outbox (push_id, next_attempt_at) VALUES (\(id), \(now))", logger: logger)
            }
        }
        return outcomes
    }

    /// A 64-bit FNV-1a hash of the record's provider, kind and natural key: its advisory lock.
    static func lockKey(_ record: PushRecord) -> Int64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in record.provider.rawValue.utf8 + [0] + record.kind.rawValue.utf8 + [0] + record.naturalKey.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    public func page(_ query: PushQuery, after id: Int64?, limit: Int) async throws -> [StoredPush] {
        let filters = PushColumns.filters(query, after: id) { "$\($0)" }
        var binds = Self.bindings(filters.values)
        binds.append(limit)
        let sql =
            "SELECT \(PushColumns.list()) FROM pushes WHERE \(filters.sql) ORDER BY id LIMIT $\(filters.values.count + 1)"
        var pushes: [StoredPush] = []
        for try await row in try await pool.running().query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        {
            pushes.append(try Self.push(row, offset: 0))
        }
        return pushes
    }

    public func statistics(task: String?) async throws -> PushStatistics {
        var binds = PostgresBindings()
        if let task { binds.append(task) }
        let taskFilter = task == nil ? "" : " AND task_id = $1"
        var groups: [StatisticsGroup] = []
        let groupSQL = """
            SELECT task_id, provider, code, outcome, COUNT(*), MIN(id) AS first FROM pushes
            WHERE \(StorageRules.kindCondition(.deliveryReceipt)) AND task_id IS NOT NULL\(taskFilter)
            GROUP BY task_id, provider, code, outcome ORDER BY first
            """
        for try await row in try await pool.running().query(
            PostgresQuery(unsafeSQL: groupSQL, binds: binds), logger: logger)
        {
            let (taskID, provider, code, outcome, count, first) = try row.decode(
                (String, String, String?, String?, Int64, Int64).self)
            groups.append(
                StatisticsGroup(
                    taskID: taskID, provider: ProviderID(provider), code: code, outcome: outcome, count: Int(count),
                    first: first))
        }
        var uplinks = 0
        let uplinkSQL = "SELECT COUNT(*) FROM pushes WHERE \(StorageRules.kindCondition(.reply))\(taskFilter)"
        for try await row in try await pool.running().query(
            PostgresQuery(unsafeSQL: uplinkSQL, binds: binds), logger: logger)
        {
            uplinks = Int(try row.decode(Int64.self))
        }
        var reviews: [PushStatistics.Review] = []
        let reviewSQL = """
            SELECT template_id, provider, code, message, event_time, received_at FROM pushes
            WHERE \(StorageRules.kindCondition(.templateReview)) ORDER BY id
            """
        for try await row in try await pool.running().query(PostgresQuery(unsafeSQL: reviewSQL), logger: logger) {
            let (templateID, provider, code, message, eventTime, received) = try row.decode(
                (Int?, String, String?, String?, String?, Date).self)
            reviews.append(
                PushStatistics.Review(
                    templateID: templateID, provider: ProviderID(provider), code: code, message: message,
                    time: eventTime ?? StoredPush.timestamp(received)))
        }
        return StatisticsGroup.statistics(groups, uplinks: uplinks, reviews: reviews)
    }

    public func pendingDeliveries(limit: Int, now: Date) async throws -> [OutboxDelivery] {
        let sql = """
            SELECT o.id, o.attempts, o.last_error, \(PushColumns.list("p"))
            FROM outbox o JOIN pushes p ON p.id = o.push_id
            WHERE o.delivered_at IS NULL AND o.next_attempt_at <= $1
            AND NOT EXISTS (
                SELECT 1 FROM outbox e JOIN pushes q ON q.id = e.push_id
                WHERE e.delivered_at IS NULL AND e.id < o.id AND e.next_attempt_at > $1 AND q.task_id = p.task_id)
            ORDER BY o.id LIMIT $2
            """
        var binds = PostgresBindings()
        binds.append(now)
        binds.append(limit)
        var deliveries: [OutboxDelivery] = []
        for try await row in try await pool.running().query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        {
            let random = row.makeRandomAccess()
            let id = try random[0].decode(Int64.self)
            let attempts = try random[1].decode(Int32.self)
            let lastError = try random[2].decode(String?.self)
            deliveries.append(
                OutboxDelivery(
                    id: id, push: try Self.push(row, offset: 3), attempts: Int(attempts), lastError: lastError))
        }
        return deliveries
    }

    public func observeCommits(_ observer: @escaping @Sendable (CommitObservation) -> Void) async {
        committer.observe(observer)
    }

    public func outboxBacklog() async throws -> Int {
        for try await count in try await pool.running().query(
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL", logger: logger
        ).decode(Int64.self) {
            return Int(count)
        }
        return 0
    }

    public func markDelivered(_ delivery: OutboxDelivery.ID) async throws {
        try await pool.running().query(
            "UPDATE outbox SET delivered_at = \(Date()), attempts = attempts + 1 WHERE id = \(delivery)", logger: logger
        )
    }

    public func markFailed(_ delivery: OutboxDelivery.ID, nextAttempt: Date, error: String) async throws {
        try await pool.running().query(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = \(nextAttempt), last_error = \(error) WHERE id = \(delivery)",
            logger: logger)
    }

    public func close() async throws {
        await committer.close()
        runner?.cancel()
        await runner?.value
    }

    private static func push(_ row: PostgresRow, offset: Int) throws -> StoredPush {
        let cells = row.makeRandomAccess()
        func cell<T: PostgresDecodable>(_ index: Int, _ type: T.Type) throws -> T {
            try cells[offset + index].decode(T.self)
        }
        return try PushColumns.push(
            id: try cell(0, Int64.self), kind: try cell(1, String.self), provider: try cell(2, String.self),
            naturalKey: try cell(3, String.self), taskID: try cell(4, String?.self), phone: try cell(5, String?.self),
            code: try cell(6, String?.self), outcome: try cell(7, String?.self), message: try cell(8, String?.self),
            templateID: try cell(9, Int?.self), eventTime: try cell(10, String?.self),
            firstEventTime: try cell(11, String?.self), payload: try cell(12, String.self),
            receivedAt: try cell(13, Date.self), updatedAt: try cell(14, Date.self),
            revision: Int(try cell(15, Int32.self)))
    }

    private static func bindings(_ values: [PushColumns.Value]) -> PostgresBindings {
        var binds = PostgresBindings()
        for value in values {
            switch value {
            case .text(let text): binds.append(text)
            case .date(let date): binds.append(date)
            case .id(let id): binds.append(id)
            }
        }
        return binds
    }

    /// Runs `body`, failing with a timeout when it takes longer than `limit` (a server that stopped answering).
    private static func withTimeout<T: Sendable>(
        _ limit: Duration, location: StoreLocation.PostgresLocation, _ body: @Sendable @escaping () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let result = try await group.next() ?? nil else {
                throw StoreError.unusable(
                    StoreLocation.postgres(location).description, "no answer from the server within \(limit)")
            }
            return result
        }
    }
}
