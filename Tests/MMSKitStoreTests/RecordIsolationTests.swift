import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import Testing

/// One bad record never fails another: a record holding U+0000 (which PostgreSQL cannot store and SQLite's readers
/// cut short) is refused the same way by both stores, alone, while the calls sharing its group commit are stored.
@Suite struct RecordIsolationTests {
    @Test(arguments: StoreBackend.allCases)
    func aNULRecordFailsAloneAmongManyConcurrentCalls(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open(forwarding: true) else { return }
        let store = opened.store
        var nul = Pushes.receipt(task: "t", phone: "13700000000")
        nul.message = "x\u{0}y"
        let bad = nul
        let outcomes = await withTaskGroup(of: (Int, Result<StoreOutcome, any Error>).self) { group in
            for index in 0..<301 {
                group.addTask {
                    let record =
                        index == 150 ? bad : Pushes.receipt(task: "t", phone: String(format: "139%08d", index))
                    do {
                        return (index, .success(try await store.store([record])))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var outcomes: [Int: Result<StoreOutcome, any Error>] = [:]
            for await (index, outcome) in group { outcomes[index] = outcome }
            return outcomes
        }
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let stored):
                #expect(index != 150 && stored == StoreOutcome(inserted: 1), "\(index)")
            case .failure(let error):
                #expect(index == 150, "\(index): \(error)")
                #expect(
                    (error as? PushPayloadError)?.description.contains("its message holds a NUL character (U+0000)")
                        == true, "\(error)")
            }
        }
        let stored = try await collect(store.records(matching: PushQuery()))
        #expect(stored.count == 300 && !stored.contains { $0.record.phone == "13700000000" })
        #expect(try await store.pendingDeliveries(limit: 1000, now: Date()).count == 300)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func aNULInAnyFieldIsRefusedByBothStoresNamingTheField(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let good = Pushes.receipt(task: "t", phone: "13800000000")
        let fields: [(String, (inout PushRecord) -> Void)] = [
            ("task_id", { $0.taskID = "t\u{0}" }), ("phone", { $0.phone = "\u{0}1" }), ("code", { $0.code = "\u{0}" }),
            ("event_time", { $0.eventTime = "2025\u{0}" }), ("natural_key", { $0.naturalKey = "k\u{0}" }),
            ("payload", { $0.payload = Data([0x7B, 0x00, 0x7D]) }),
        ]
        for (field, change) in fields {
            var record = good
            change(&record)
            await #expect("\(field)") {
                try await store.store([good, record])
            } throws: { error in
                (error as? PushPayloadError)?.description.hasPrefix(
                    "record 2 of 2 (delivery_receipt): its \(field) holds a NUL")
                    == true
            }
        }
        #expect(try await collect(store.records(matching: PushQuery())).isEmpty)
        try await store.close()
    }
}
