import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import Testing

/// The same behaviour from both stores: de-duplication, the receipt update rule, group commit, reading, counting,
/// and the forwarding outbox.
@Suite struct PushStoreTests {
    @Test(arguments: StoreBackend.allCases)
    func aRetriedPushIsStoredOnce(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let records = [
            Pushes.receipt(task: "t1", phone: "13800000001"), Pushes.uplink(phone: "13800000002", content: "TD"),
            Pushes.review(template: 7, code: "SUCCESS", message: "ok"),
        ]
        #expect(try await store.store(records) == StoreOutcome(inserted: 3))
        #expect(try await store.store(records) == StoreOutcome(duplicates: 3))
        // Within one call too: the second copy is a duplicate of the first.
        let twice = [
            Pushes.uplink(phone: "13800000003", content: "hi"), Pushes.uplink(phone: "13800000003", content: "hi"),
        ]
        #expect(try await store.store(twice) == StoreOutcome(inserted: 1, duplicates: 1))
        let all = try await collect(store.records(matching: PushQuery()))
        #expect(all.count == 4)
        try await store.close()
    }

    /// A large group (one statement on PostgreSQL): every outcome right, rows in arrival order, one outbox row each.
    @Test(arguments: StoreBackend.allCases)
    func aLargeGroupIsStoredInArrivalOrderWithItsOutcomes(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open(forwarding: true) else { return }
        let store = opened.store
        let phones = (0..<500).map { String(format: "139%08d", $0) }
        let first = phones.map { Pushes.receipt(task: "big", phone: $0) }
        #expect(try await store.store(first) == StoreOutcome(inserted: 500))
        // Again, with every fifth receipt now failed: 100 updates, 400 duplicates; plus 50 new ones at the end.
        let second =
            phones.enumerated().map { index, phone in
                Pushes.receipt(task: "big", phone: phone, code: index % 5 == 0 ? "UNDELIV" : "DELIVERED")
            } + (500..<550).map { Pushes.receipt(task: "big", phone: String(format: "139%08d", $0)) }
        #expect(try await store.store(second) == StoreOutcome(inserted: 50, updated: 100, duplicates: 400))
        let stored = try await collect(store.records(matching: PushQuery()))
        #expect(stored.map(\.record.phone) == (0..<550).map { String(format: "139%08d", $0) })
        #expect(stored.filter { $0.record.code == "UNDELIV" }.count == 100)
        #expect(try await store.pendingDeliveries(limit: 1000, now: Date()).count == 650)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func aReceiptWithAnotherCodeUpdatesAndKeepsBothTimes(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        _ = try await store.store([
            Pushes.receipt(task: "t1", phone: "13800000001", code: "UNDELIV", time: "2025-05-01 10:00:00")
        ])
        let second = Pushes.receipt(task: "t1", phone: "13800000001", code: "DELIVERED", time: "2025-05-01 10:05:00")
        #expect(try await store.store([second]) == StoreOutcome(updated: 1))
        #expect(try await store.store([second]) == StoreOutcome(duplicates: 1))
        let stored = try await collect(store.records(matching: PushQuery(kind: .deliveryReceipt)))
        #expect(stored.count == 1)
        #expect(stored.first?.record.code == "DELIVERED")
        #expect(stored.first?.record.eventTime == "2025-05-01 10:05:00")
        #expect(stored.first?.firstEventTime == "2025-05-01 10:00:00")
        #expect(stored.first?.record.payload == second.payload)
        // A JSMS report is updated the same way; an uplink or review with the same key never is.
        _ = try await store.store([Pushes.jsmsReport(msgID: "m1", status: "4003")])
        #expect(try await store.store([Pushes.jsmsReport(msgID: "m1", status: "4001")]) == StoreOutcome(updated: 1))
        try await store.close()
    }

    /// One group holding a new receipt and its revision, between rows of other keys: the first is inserted, the
    /// second updates that row (not another, not a duplicate), and each is handed to forwarding with that row.
    @Test(arguments: StoreBackend.allCases)
    func aReceiptRevisedInItsOwnGroupUpdatesTheRowItInserted(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open(forwarding: true) else { return }
        let store = opened.store
        _ = try await store.store([Pushes.receipt(task: "t0", phone: "13800000000")])
        let group = [
            Pushes.receipt(task: "t1", phone: "13800000001", code: "UNDELIV"),
            Pushes.receipt(task: "t1", phone: "13800000002"),
            Pushes.receipt(task: "t1", phone: "13800000001", code: "DELIVERED"),
            Pushes.receipt(task: "t0", phone: "13800000000", code: "MK:0001"),
            Pushes.receipt(task: "t1", phone: "13800000002"),
        ]
        #expect(try await store.store(group) == StoreOutcome(inserted: 2, updated: 2, duplicates: 1))
        let stored = try await collect(store.records(matching: PushQuery()))
        #expect(stored.map(\.record.phone) == ["13800000000", "13800000001", "13800000002"])
        #expect(stored.map(\.record.code) == ["MK:0001", "DELIVERED", "DELIVERED"])
        #expect(stored.map(\.revision) == [2, 2, 1])
        let deliveries = try await store.pendingDeliveries(limit: 100, now: Date())
        #expect(deliveries.map(\.push.id) == [stored[0].id, stored[1].id, stored[2].id, stored[1].id, stored[0].id])
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentCallsShareTransactions(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let before = await store.committedTransactions
        let outcomes = try await withThrowingTaskGroup(of: StoreOutcome.self) { group in
            for index in 0..<1000 {
                // Every tenth call repeats an earlier phone: stored once all the same.
                let phone = String(13_800_000_000 + (index % 10 == 9 ? index - 1 : index))
                group.addTask { try await store.store([Pushes.receipt(task: "bulk", phone: phone)]) }
            }
            var total = StoreOutcome()
            for try await outcome in group {
                total.inserted += outcome.inserted
                total.duplicates += outcome.duplicates
                total.updated += outcome.updated
            }
            return total
        }
        #expect(outcomes == StoreOutcome(inserted: 900, duplicates: 100))
        let transactions = await store.committedTransactions - before
        print("\(backend): 1000 concurrent store calls committed in \(transactions) transactions")
        #expect(transactions >= 1)
        #expect(transactions < 500)
        let statistics = try await store.statistics(task: "bulk")
        #expect(statistics.tasks.first?.receipts == 900)
        #expect(statistics.tasks.first?.delivered == 900)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func statisticsCountExactly(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        var records: [PushRecord] = []
        for index in 0..<7 { records.append(Pushes.receipt(task: "t1", phone: "1380000000\(index)")) }
        for index in 0..<2 { records.append(Pushes.receipt(task: "t1", phone: "1390000000\(index)", code: "UNDELIV")) }
        records.append(Pushes.receipt(task: "t1", phone: "13700000000", code: "MK:0001"))
        records.append(Pushes.receipt(task: "t2", phone: "13800000000", code: "UNDELIV"))
        records.append(Pushes.jsmsReport(msgID: "m9", status: "4001"))
        records.append(Pushes.jsmsReport(msgID: "m10", status: "4002"))
        records.append(Pushes.uplink(phone: "13800000000", content: "TD", task: "t1"))
        records.append(Pushes.uplink(phone: "13800000001", content: "hi"))
        records.append(Pushes.review(template: 42, code: "FAIL", message: "missing sign"))
        _ = try await store.store(records)
        let all = try await store.statistics(task: nil)
        #expect(all.tasks.map(\.taskID) == ["t1", "t2", "m9", "m10"])
        #expect(all.tasks[0].receipts == 10)
        #expect(all.tasks[0].delivered == 7)
        #expect(all.tasks[0].failed == ["UNDELIV": 2, "MK:0001": 1])
        #expect(all.tasks[2].delivered == 1)
        #expect(all.tasks[3].failed == ["4002": 1])
        #expect(all.uplinks == 2)
        #expect(
            all.reviews == [
                PushStatistics.Review(
                    templateID: 42, provider: "ihuyi", code: "FAIL", message: "missing sign",
                    time: all.reviews.first?.time ?? "")
            ])
        let one = try await store.statistics(task: "t1")
        #expect(one.tasks.map(\.taskID) == ["t1"])
        #expect(one.uplinks == 1)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func queriesFilterAndPageInArrivalOrder(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        for index in 0..<25 {
            _ = try await store.store([
                Pushes.receipt(task: index % 2 == 0 ? "even" : "odd", phone: String(13_800_000_000 + index))
            ])
        }
        _ = try await store.store([Pushes.uplink(phone: "13800000000", content: "TD")])
        let even = try await collect(store.records(matching: PushQuery(taskID: "even"), pageSize: 4))
        #expect(even.count == 13)
        #expect(even.map(\.id) == even.map(\.id).sorted())
        #expect(try await collect(store.records(matching: PushQuery(kind: .reply))).count == 1)
        #expect(try await collect(store.records(matching: PushQuery(phone: "13800000000"))).count == 2)
        #expect(try await collect(store.records(matching: PushQuery(limit: 10), pageSize: 3)).count == 10)
        #expect(try await collect(store.records(matching: PushQuery(since: Date().addingTimeInterval(3600)))).isEmpty)
        #expect(
            try await collect(store.records(matching: PushQuery(since: Date().addingTimeInterval(-3600)))).count == 26)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func forwardingFillsTheOutboxInTheSameTransaction(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open(forwarding: true) else { return }
        let store = opened.store
        _ = try await store.store([Pushes.receipt(task: "t1", phone: "13800000001", code: "UNDELIV")])
        _ = try await store.store([
            Pushes.receipt(task: "t1", phone: "13800000002"), Pushes.receipt(task: "t2", phone: "13800000003"),
        ])
        // An update (delivered again), then a duplicate (nothing to forward).
        _ = try await store.store([Pushes.receipt(task: "t1", phone: "13800000001", code: "DELIVERED")])
        _ = try await store.store([Pushes.receipt(task: "t1", phone: "13800000002")])
        let now = Date()
        var pending = try await store.pendingDeliveries(limit: 10, now: now)
        #expect(pending.map(\.push.record.phone) == ["13800000001", "13800000002", "13800000003", "13800000001"])
        #expect(pending.last?.push.record.code == "DELIVERED")
        // The first of t1 fails and waits for a retry: the rest of t1 waits behind it, t2 does not.
        try await store.markFailed(pending[0].id, nextAttempt: now.addingTimeInterval(60), error: "HTTP 500")
        try await store.markDelivered(pending[2].id)
        pending = try await store.pendingDeliveries(limit: 10, now: now)
        #expect(pending.isEmpty)
        pending = try await store.pendingDeliveries(limit: 10, now: now.addingTimeInterval(61))
        #expect(pending.map(\.push.record.phone) == ["13800000001", "13800000002", "13800000001"])
        #expect(pending.first?.attempts == 1)
        #expect(pending.first?.lastError == "HTTP 500")
        for delivery in pending { try await store.markDelivered(delivery.id) }
        #expect(try await store.pendingDeliveries(limit: 10, now: now.addingTimeInterval(3600)).isEmpty)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func withoutForwardingThereIsNoOutbox(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        _ = try await opened.store.store([Pushes.receipt(task: "t1", phone: "13800000001")])
        #expect(try await opened.store.pendingDeliveries(limit: 10, now: Date().addingTimeInterval(60)).isEmpty)
        try await opened.store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func locationOpensTheSameStore(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        _ = try await opened.store.store([Pushes.receipt(task: "t1", phone: "13800000001")])
        try await opened.store.close()
        let reopened = try await StoreLocation(parsing: opened.location.descriptionWithPassword).openForReading()
        #expect(try await reopened.statistics(task: nil).tasks.first?.receipts == 1)
        try await reopened.close()
    }
}

func collect(_ sequence: StoredPushSequence) async throws -> [StoredPush] {
    var pushes: [StoredPush] = []
    for try await push in sequence { pushes.append(push) }
    return pushes
}

extension StoreLocation {
    /// The location as a `--db` value (the test servers have no password).
    var descriptionWithPassword: String { description }
}
