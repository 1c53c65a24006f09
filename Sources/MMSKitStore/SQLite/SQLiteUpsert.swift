import Foundation
import GRDB
import GRDBSQLite
import MMSKit

/// The store's one hot statement, driven through the SQLite C API: GRDB's `StatementArguments` box every value
/// as an existential and convert it to a `DatabaseValue` first, which cost as much as SQLite's own work per record
/// (perf, arrays of 100 receipts). Text is bound straight from the strings' UTF-8 and the payload from its bytes.
///
/// The upsert has no `RETURNING id`: SQLite runs a statement with `RETURNING` through an ephemeral table built and
/// torn down at each execution (3.4 µs of CPU per row more, measured with the same prepared statement; the
/// page-cache mutexes and mallocs of it were a tenth of the receiver's CPU under arrays of 100 receipts). What
/// `RETURNING` told is read from the connection instead: no row changed is a duplicate; an insert sets the last
/// insert rowid, which is cleared before each step (an upsert that updates leaves it alone); an update — a
/// revised delivery report, rare — looks its row up by the natural key it just matched.
struct SQLiteUpsert {
    private let statement: Statement
    private let revisedRow: Statement
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
        """

    /// The row an upsert revised, by the unique key it matched on.
    static let revisedRowSQL = "SELECT id FROM pushes WHERE provider = ?1 AND kind = ?2 AND natural_key = ?3"

    init(_ database: Database) throws {
        self.database = database
        statement = try database.cachedStatement(sql: Self.sql)
        revisedRow = try database.cachedStatement(sql: Self.revisedRowSQL)
    }

    /// What an upsert did to the store.
    enum Change: Equatable {
        /// A new row, with its id.
        case inserted(Int64)
        /// The row with the record's natural key took the record's code (a revised delivery report).
        case updated(Int64)
    }

    /// Inserts `record`, or revises the row with its natural key; nil for a duplicate (no change).
    func callAsFunction(_ record: PushRecord, receivedAt: String, revisable: Bool) throws -> Change? {
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
        let connection = database.sqliteConnection
        sqlite3_set_last_insert_rowid(connection, 0)
        let done = sqlite3_step(handle)
        guard done == SQLITE_DONE else { throw error(done, sql: Self.sql) }
        guard sqlite3_changes(connection) > 0 else { return nil }
        let inserted = sqlite3_last_insert_rowid(connection)
        return inserted != 0 ? .inserted(inserted) : .updated(try revisedID(of: record))
    }

    /// The id of the row with `record`'s unique key (after an upsert revised it).
    private func revisedID(of record: PushRecord) throws -> Int64 {
        let handle = revisedRow.sqliteStatement
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        bind(revisedRow, 1, record.provider.rawValue)
        bind(revisedRow, 2, record.kind.rawValue)
        bind(revisedRow, 3, record.naturalKey)
        let step = sqlite3_step(handle)
        guard step == SQLITE_ROW else { throw error(step, sql: Self.revisedRowSQL) }
        return sqlite3_column_int64(handle, 0)
    }

    private func bind(_ index: Int32, _ text: String?) { bind(statement, index, text) }

    private func bind(_ statement: Statement, _ index: Int32, _ text: String?) {
        guard var text else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        text.withUTF8 { bind(statement, index, UnsafeRawBufferPointer($0)) }
    }

    private func bind(_ index: Int32, _ bytes: UnsafeRawBufferPointer) { bind(statement, index, bytes) }

    /// Binds UTF-8 `bytes` as text (SQLite copies them).
    private func bind(_ statement: Statement, _ index: Int32, _ bytes: UnsafeRawBufferPointer) {
        let handle = statement.sqliteStatement
        guard let start = bytes.baseAddress, !bytes.isEmpty else {
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
    }

    private func error(_ code: Int32, sql: String) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(database.sqliteConnection)),
            sql: sql)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
