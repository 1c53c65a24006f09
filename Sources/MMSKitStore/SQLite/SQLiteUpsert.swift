import Foundation
import GRDB
import GRDBSQLite
import MMSKit

/// The store's one hot statement, driven through the SQLite C API: GRDB's `StatementArguments` box every value
/// as an existential and convert it to a `DatabaseValue` first, which cost as much as SQLite's own work per record
/// (perf, arrays of 100 receipts). Text is bound straight from the strings' UTF-8 and the payload from its bytes.
struct SQLiteUpsert {
    private let statement: Statement
    private let database: Database

    static let sql = """
        INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, message, template_id, event_time,
            first_event_time, payload, received_at, updated_at, outcome)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11, ?11, ?13)
        ON CONFLICT (provider, kind, natural_key) DO UPDATE SET code = excluded.code, outcome = excluded.outcome,
            revision = pushes.revision + 1,
            message = excluded.message, event_time = excluded.event_time, payload = excluded.payload,
            updated_at = excluded.updated_at
        WHERE ?12 AND pushes.code IS NOT excluded.code
        RETURNING id
        """

    init(_ database: Database) throws {
        self.database = database
        statement = try database.cachedStatement(sql: Self.sql)
    }

    /// Inserts `record`, or revises the row with its natural key; the row id, or nil for a duplicate (no change).
    func callAsFunction(_ record: PushRecord, receivedAt: String, revisable: Bool) throws -> Int64? {
        let handle = statement.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        bind(1, record.kind.rawValue)
        bind(2, record.provider.rawValue)
        bind(3, record.naturalKey)
        bind(4, record.taskID)
        bind(5, record.phone)
        bind(6, record.code)
        bind(7, record.message)
        if let templateID = record.templateID {
            sqlite3_bind_int64(handle, 8, Int64(templateID))
        } else {
            sqlite3_bind_null(handle, 8)
        }
        bind(9, record.eventTime)
        record.payload.withUnsafeBytes { bind(10, $0) }
        bind(11, receivedAt)
        sqlite3_bind_int(handle, 12, revisable ? 1 : 0)
        bind(13, record.outcome?.rawValue)
        switch sqlite3_step(handle) {
        case SQLITE_ROW:
            let id = sqlite3_column_int64(handle, 0)
            let done = sqlite3_step(handle)
            guard done == SQLITE_DONE else { throw error(done) }
            return id
        case SQLITE_DONE:
            return nil
        case let code:
            throw error(code)
        }
    }

    private func bind(_ index: Int32, _ text: String?) {
        let handle = statement.sqliteStatement
        guard var text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { bind(index, UnsafeRawBufferPointer($0)) }
    }

    /// Binds UTF-8 `bytes` as text (SQLite copies them).
    private func bind(_ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        let handle = statement.sqliteStatement
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
            sql: Self.sql)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
