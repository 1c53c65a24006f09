import Foundation
import GRDB
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitStore

@Suite struct SQLitePushStoreTests {
    @Test func walAndFullSynchronousAreInForce() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        let settings = try await store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2)
        try await store.close()
    }

    /// With the (kind, outcome) index the group commit's upserts write a statement journal; on disk that cost two
    /// write calls per page touched, so the writer keeps it in memory.
    @Test func theWriterKeepsStatementJournalsInMemory() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        #expect(try await store.writerSetting("temp_store") == 2)
        try await store.close()
    }

    /// The writer checkpoints every 4,000 WAL pages, not SQLite's 1,000: fewer copies of the B-trees' last pages.
    @Test func theWriterCheckpointsEveryFourThousandPages() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        #expect(try await store.writerSetting("wal_autocheckpoint") == 4_000)
        try await store.close()
    }

    /// A record SQLite itself refuses (here a trigger raises on one phone) fails its own call only, whatever group
    /// it was committed in: the writer's transaction is rolled back, its other calls are committed again, and the
    /// store goes on taking records.
    @Test func aRecordSQLiteRefusesFailsItsCallAloneAndTheWriterGoesOn() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("r.sqlite")
        let store = try SQLitePushStore(path: path)
        let bad = "13800000013"
        try await DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON pushes WHEN NEW.phone = '\(bad)'
                    BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                    """)
        }
        let results = await withTaskGroup(of: (String, Bool).self) { group in
            for index in 0..<200 {
                let phone = String(13_800_000_000 + index)
                group.addTask {
                    (phone, (try? await store.store([Pushes.receipt(task: "t", phone: phone)])) != nil)
                }
            }
            var results: [String: Bool] = [:]
            for await (phone, stored) in group { results[phone] = stored }
            return results
        }
        #expect(results.count == 200)
        #expect(results.filter { !$0.value }.map(\.key) == [bad])
        #expect(try await store.store([Pushes.receipt(task: "t", phone: "13900000000")]) == StoreOutcome(inserted: 1))
        let phones = try await collect(store.records(matching: PushQuery())).compactMap(\.record.phone)
        #expect(phones.count == 200 && Set(phones).count == 200 && !phones.contains(bad))
        try await store.close()
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLitePushStore(path: path)
        } throws: { error in
            "\(error)".contains(path)
        }
    }

    @Test func aMissingFileIsRefusedByTheReadCommands() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("absent.sqlite")
        await #expect(throws: StoreError.self) {
            _ = try await StoreLocation.sqlite(path: path).openForReading()
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Without statistics SQLite read a task's pages through the kind index, walking every receipt of the store
    /// (the campaign report of 1,000,000 receipts: 45 s); by task or phone a page is a range of that column's index.
    @Test(arguments: [
        (PushQuery(kind: .deliveryReceipt, provider: .ihuyi, taskID: "t"), "pushes_task_id"),
        (PushQuery(kind: .reply, provider: .ihuyi, taskID: "t", phone: "13800000000"), "pushes_task_id"),
        (PushQuery(kind: .deliveryReceipt, phone: "13800000000"), "pushes_phone"),
    ])
    func aPageByTaskOrPhoneReadsThatIndex(query: PushQuery, index: String) async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        _ = try await store.store([Pushes.receipt(task: "t", phone: "13800000000")])
        for after: Int64? in [nil, 1] {
            let plan = try await store.pagePlan(query, after: after)
            #expect(plan.contains { $0.contains("USING INDEX \(index) (") }, "\(plan)")
        }
        try await store.close()
    }

    @Test func recordsSurviveReopening() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("r.sqlite")
        let store = try SQLitePushStore(path: path)
        _ = try await store.store([Pushes.receipt(task: "t", phone: "13800000000")])
        try await store.close()
        let again = try SQLitePushStore(path: path)
        #expect(try await again.store([Pushes.receipt(task: "t", phone: "13800000000")]) == StoreOutcome(duplicates: 1))
        try await again.close()
    }
}

/// A store as a version that kept U+0000 left it: a receipt whose task, message and payload hold one.
enum StoreHoldingNUL {
    static let message = "t\u{0}x"

    static func make(at path: String) async throws {
        let store = try SQLitePushStore(path: path, forwarding: true)
        _ = try await store.store([Pushes.review(template: 9, code: "FAIL", message: "m")])
        try await store.close()
        // SQLite keeps the bytes of a BLOB cast to TEXT whole, as the old store's own binding did.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            let now = Date()
            try db.execute(
                sql: """
                    INSERT INTO pushes (kind, provider, natural_key, task_id, phone, code, outcome, message, event_time,
                        first_event_time, payload, received_at, updated_at)
                    VALUES ('delivery_receipt', 'ihuyi', CAST(?1 AS TEXT), CAST(?2 AS TEXT), '13800000000', 'DELIVERED', 'delivered',
                        CAST(?3 AS TEXT), '2025-05-01 10:00:00', '2025-05-01 10:00:00', CAST(?4 AS TEXT), ?5, ?5)
                    """,
                arguments: [
                    Data("k\u{0}1".utf8), Data("task\u{0}1".utf8), Data(message.utf8),
                    Data(#"{"message":"t\u0000x"}"#.utf8), now,
                ])
            try db.execute(
                sql:
                    "UPDATE pushes SET message = CAST(? AS TEXT) WHERE kind = 'template_review'; INSERT INTO outbox (push_id, next_attempt_at) VALUES (2, ?)",
                arguments: [Data("re\u{0}jected".utf8), now])
        }
        try queue.close()
    }
}

@Suite struct StoredNULTests {
    @Test func everyValueReadsBackWhole() async throws {
        let directory = try TemporaryDirectory("mmskit-store")
        let path = directory.appending("old.sqlite")
        try await StoreHoldingNUL.make(at: path)
        let store = try SQLitePushStore(readingFrom: path)
        let stored = try await collect(store.records(matching: PushQuery(kind: .deliveryReceipt)))
        #expect(stored.count == 1)
        #expect(stored.first?.record.message == StoreHoldingNUL.message)
        #expect(stored.first?.record.taskID == "task\u{0}1")
        #expect(stored.first?.record.naturalKey == "k\u{0}1")
        let statistics = try await store.statistics(task: nil)
        #expect(statistics.tasks.map(\.taskID) == ["task\u{0}1"])
        #expect(statistics.reviews.map(\.message) == ["re\u{0}jected"])
        let pending = try await store.pendingDeliveries(limit: 10, now: Date())
        #expect(pending.map(\.push.record.message) == ["re\u{0}jected", StoreHoldingNUL.message])
        try await store.close()
    }
}
