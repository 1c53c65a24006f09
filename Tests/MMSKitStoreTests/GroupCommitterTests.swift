import Foundation
import MMSKitProviders
@testable import MMSKitStore
import Testing

@Suite struct GroupCommitterTests {
    /// Counts the batches it is given, and fails the ones holding a record of the phone `failing`.
    actor Ledger {
        var batches: [[PushRecord]] = []
        func add(_ batch: [PushRecord]) { batches.append(batch) }
    }

    @Test func aFailedTransactionFailsEveryCallInIt() async throws {
        let ledger = Ledger()
        let committer = GroupCommitter { records in
            await ledger.add(records)
            try await Task.sleep(for: .milliseconds(20))
            if records.contains(where: { $0.phone == "13800000013" }) { throw StoreError("disk full") }
            return records.map { _ in .inserted }
        }
        let results = await withTaskGroup(of: (String, Bool).self) { group in
            for index in 0..<50 {
                let phone = String(13_800_000_000 + index)
                group.addTask {
                    let outcome = try? await committer.submit([Pushes.receipt(task: "t", phone: phone)])
                    return (phone, outcome == StoreOutcome(inserted: 1))
                }
            }
            var results: [String: Bool] = [:]
            for await (phone, stored) in group { results[phone] = stored }
            return results
        }
        let batches = await ledger.batches
        #expect(batches.flatMap { $0 }.count == 50)
        let failedBatch = try #require(batches.first { $0.contains { $0.phone == "13800000013" } })
        for (phone, stored) in results {
            #expect(stored == !failedBatch.contains { $0.phone == phone }, "\(phone)")
        }
        #expect(await committer.transactions == batches.count - 1)
    }

    @Test func aCallIsNeverSplitAndCloseWaitsForTheQueue() async throws {
        let ledger = Ledger()
        let committer = GroupCommitter(batchLimit: 3) { records in
            await ledger.add(records)
            return records.map { _ in .duplicate }
        }
        let big = (0..<5).map { Pushes.receipt(task: "t", phone: String(13_800_000_000 + $0)) }
        async let first = committer.submit(big)
        async let second = committer.submit(Array(big.prefix(2)))
        #expect(try await first == StoreOutcome(duplicates: 5))
        #expect(try await second == StoreOutcome(duplicates: 2))
        await committer.close()
        #expect(await ledger.batches.contains { $0.count == 5 })
        await #expect(throws: StoreError.self) { try await committer.submit(big) }
    }
}
