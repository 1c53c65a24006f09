import Foundation
import Logging
import MMSKit
import PostgresNIO

extension PostgresPushStore: OptOutStore {
    /// The suppression-list changes of the replies `write` stored for the first time, in the same transaction.
    static func applyOptOuts(
        of records: [PushRecord], outcomes: [StorageRules.Outcome], keywords: OptOutKeywords,
        on connection: PostgresConnection, logger: Logger
    ) async throws {
        let now = Date()
        for (record, outcome) in zip(records, outcomes) where outcome == .inserted {
            switch ReplyOptOut(record, keywords: keywords, time: now) {
            case .add(let entry)?: _ = try await add(entry, on: connection, logger: logger)
            case .remove(let phone)?:
                try await connection.query("DELETE FROM suppressions WHERE phone = \(phone)", logger: logger)
            case nil: break
            }
        }
    }

    private static func add(_ entry: OptOut, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(
            """
            INSERT INTO suppressions (phone, source, provider, keyword, task_id, opted_out_at)
            VALUES (\(entry.phone), \(entry.source.rawValue), \(entry.provider?.rawValue), \(entry.keyword),
                \(entry.taskID), \(entry.time))
            ON CONFLICT (phone) DO NOTHING RETURNING 1
            """, logger: logger)
        for try await _ in rows { return true }
        return false
    }

    public func addOptOuts(_ entries: [OptOut]) async throws -> Int {
        let logger = self.logger
        return try await pool.running().withTransaction(logger: logger) { connection in
            var added = 0
            for entry in entries where try await Self.add(entry, on: connection, logger: logger) { added += 1 }
            return added
        }
    }

    public func removeOptOuts(phones: [String]) async throws -> Int {
        var removed = 0
        for try await _ in try await pool.running().query(
            "DELETE FROM suppressions WHERE phone = ANY(\(phones)::text[]) RETURNING 1", logger: logger)
        {
            removed += 1
        }
        return removed
    }

    public func optOuts(after phone: String?, limit: Int) async throws -> [OptOut] {
        var entries: [OptOut] = []
        for try await (phone, source, provider, keyword, task, time) in try await pool.running().query(
            """
            SELECT phone, source, provider, keyword, task_id, opted_out_at FROM suppressions
            WHERE phone COLLATE "C" > \(phone ?? "") ORDER BY phone COLLATE "C" LIMIT \(limit)
            """, logger: logger
        ).decode((String, String, String?, String?, String?, Date).self) {
            guard let known = OptOut.Source(rawValue: source) else {
                throw StoreError("the suppression list holds an entry with the unknown source '\(source)'")
            }
            entries.append(
                OptOut(
                    phone: phone, source: known, provider: provider.map { ProviderID($0) }, keyword: keyword,
                    taskID: task, time: time))
        }
        return entries
    }

    public func optOutCount() async throws -> Int {
        for try await count in try await pool.running().query("SELECT COUNT(*) FROM suppressions", logger: logger)
            .decode(Int.self)
        {
            return count
        }
        return 0
    }

    public func suppressed(among phones: [String]) async throws -> Set<String> {
        var found = Set<String>()
        for try await phone in try await pool.running().query(
            "SELECT phone FROM suppressions WHERE phone = ANY(\(phones)::text[])", logger: logger
        ).decode(String.self) {
            found.insert(phone)
        }
        return found
    }
}
