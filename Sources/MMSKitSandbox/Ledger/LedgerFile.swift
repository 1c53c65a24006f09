import Foundation
import GRDB

/// `--state DIR`: the ledger saved in DIR/sandbox.sqlite; not the ledger in memory (``SharedLedger``).
///
/// GRDB, WAL, synchronous FULL like the receipt store; written in full after every change and before the request
/// that made it is answered.
final class LedgerFile: Sendable {
    private let queue: DatabaseQueue

    init(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        queue = try DatabaseQueue(path: (directory as NSString).appendingPathComponent("sandbox.sqlite"))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(
                sql:
                    "CREATE TABLE IF NOT EXISTS sandbox_state (id INTEGER PRIMARY KEY CHECK (id = 1), snapshot BLOB NOT NULL)"
            )
        }
    }

    func load() throws -> Ledger? {
        guard let data = try queue.read({ db in try Data.fetchOne(db, sql: "SELECT snapshot FROM sandbox_state") })
        else { return nil }
        return try JSONDecoder().decode(Ledger.self, from: data)
    }

    func save(_ snapshot: Ledger) throws {
        let data = try JSONEncoder().encode(snapshot)
        try queue.write { db in
            try db.execute(
                sql:
                    "INSERT INTO sandbox_state (id, snapshot) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot",
                arguments: [data])
        }
    }

    func close() throws { try queue.close() }
}
