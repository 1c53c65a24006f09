import Foundation
import Logging
import MMSKitProviders
import MMSKitStore
import Testing

/// Several receivers share one PostgreSQL database: two stores (two connection pools, as two processes would
/// have) store overlapping records at once, and every natural key ends up stored exactly once.
@Suite struct PostgresSharingTests {
    @Test func twoStoresStoringOverlappingRecordsKeepEachKeyOnce() async throws {
        guard let location = try await PostgresTestServer.freshDatabase() else { return }
        async let openedFirst = PostgresPushStore(location: location, logger: Logger(label: "a"))
        async let openedSecond = PostgresPushStore(location: location, logger: Logger(label: "b"))
        let stores = try await [openedFirst, openedSecond]
        let phones = (0..<400).map { String(13_800_000_000 + $0) }
        let total = try await withThrowingTaskGroup(of: StoreOutcome.self) { group in
            for (number, store) in stores.enumerated() {
                // Each store posts every phone, in a different order and in batches of a few records.
                let order = number == 0 ? phones : phones.reversed()
                for start in stride(from: 0, to: order.count, by: 4) {
                    let batch = order[start..<min(start + 4, order.count)].map { Pushes.receipt(task: "shared", phone: $0) }
                    group.addTask { try await store.store(batch) }
                }
            }
            var total = StoreOutcome()
            for try await outcome in group {
                total.inserted += outcome.inserted
                total.duplicates += outcome.duplicates
                total.updated += outcome.updated
            }
            return total
        }
        #expect(total == StoreOutcome(inserted: 400, duplicates: 400))
        let statistics = try await stores[0].statistics(task: "shared")
        #expect(statistics.tasks.first?.receipts == 400)
        var seen = Set<String>()
        for try await push in stores[1].records(matching: PushQuery(taskID: "shared"), pageSize: 64) {
            #expect(seen.insert(push.record.naturalKey).inserted)
        }
        #expect(seen.count == 400)
        for store in stores { try await store.close() }
    }
}
