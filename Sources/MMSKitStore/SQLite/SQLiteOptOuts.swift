import Foundation
import GRDB
import MMSKit

extension SQLitePushStore: OptOutStore {
    static let addOptOut = """
        INSERT INTO suppressions (phone, source, provider, keyword, task_id, opted_out_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (phone) DO NOTHING
        """

    /// Applies `change` in the open transaction (the one storing the reply).
    static func apply(_ change: ReplyOptOut, in db: Database) throws {
        switch change {
        case .add(let entry): _ = try add(entry, in: db)
        case .remove(let phone): try db.execute(sql: "DELETE FROM suppressions WHERE phone = ?", arguments: [phone])
        }
    }

    private static func add(_ entry: OptOut, in db: Database) throws -> Bool {
        try db.cachedStatement(sql: addOptOut).execute(arguments: [
            entry.phone, entry.source.rawValue, entry.provider?.rawValue, entry.keyword, entry.taskID, entry.time,
        ])
        return db.changesCount > 0
    }

    public func addOptOuts(_ entries: [OptOut]) async throws -> Int {
        try await write { db in
            try entries.reduce(0) { count, entry in try Self.add(entry, in: db) ? count + 1 : count }
        }
    }

    public func removeOptOuts(phones: [String]) async throws -> Int {
        try await write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM suppressions WHERE phone = ?")
            return try phones.reduce(0) { count, phone in
                try statement.execute(arguments: [phone])
                return count + db.changesCount
            }
        }
    }

    public func optOuts(after phone: String?, limit: Int) async throws -> [OptOut] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT phone, source, provider, keyword, task_id, opted_out_at FROM suppressions
                    WHERE phone > ? ORDER BY phone LIMIT ?
                    """, arguments: [phone ?? "", limit]
            ).map(Self.optOut)
        }
    }

    public func optOutCount() async throws -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM suppressions") ?? 0 }
    }

    public func suppressed(among phones: [String]) async throws -> Set<String> {
        try await read { db in
            var found = Set<String>()
            // SQLite's default limit is 32,766 variables; a chunk of 999 keeps every version happy.
            for start in stride(from: 0, to: phones.count, by: 999) {
                let slice = Array(phones[start..<min(start + 999, phones.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                found.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT phone FROM suppressions WHERE phone IN (\(marks))",
                        arguments: StatementArguments(slice)))
            }
            return found
        }
    }

    private static func optOut(_ row: Row) throws -> OptOut {
        let source: String = row["source"]
        guard let known = OptOut.Source(rawValue: source) else {
            throw StoreError("the suppression list holds an entry with the unknown source '\(source)'")
        }
        let provider: String? = row["provider"]
        return OptOut(
            phone: row["phone"], source: known, provider: provider.map { ProviderID($0) },
            keyword: row["keyword"], taskID: row["task_id"], time: row["opted_out_at"])
    }
}
