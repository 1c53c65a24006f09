import Dispatch
import Foundation
import MMSKit
import MMSKitProviders
import Synchronization
import Testing

@testable import MMSKitStore

@Suite struct GroupCommitterTests {
    /// Counts the batches it is given, and fails the ones holding a record of the phone `failing`.
    actor Ledger {
        var batches: [[PushRecord]] = []
        func add(_ batch: [PushRecord]) { batches.append(batch) }
    }

    /// Counts the transactions that committed and the records in them.
    actor Committed {
        var records: [PushRecord] = []
        func add(_ batch: [PushRecord]) { records += batch }
    }

    /// Holds the first transaction until the test has queued the calls that are to share the next one.
    actor Gate {
        private var isOpen = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        func pass() async {
            if !isOpen { await withCheckedContinuation { waiting.append($0) } }
        }
        func open() {
            isOpen = true
            for continuation in waiting { continuation.resume() }
        }
    }

    @Test func aCallTheDatabaseRefusesFailsAloneAndEveryOtherIsStoredOnce() async throws {
        let ledger = Ledger()
        let committed = Committed()
        let gate = Gate()
        let bad = "13800000013"
        let committer = GroupCommitter { records in
            await ledger.add(records)
            await gate.pass()
            if records.contains(where: { $0.phone == bad }) { throw StoreError("value too long") }
            await committed.add(records)
            return records.map { _ in .inserted }
        }
        let first = Task { try await committer.submit([Pushes.receipt(task: "t", phone: "13900000000")]) }
        while await ledger.batches.isEmpty { await Task.yield() }
        let calls = (0..<50).map { index in
            let phone = String(13_800_000_000 + index)
            return Task { (phone, (try? await committer.submit([Pushes.receipt(task: "t", phone: phone)])) != nil) }
        }
        while committer.waitingCalls < 50 { await Task.yield() }
        await gate.open()
        #expect(try await first.value == StoreOutcome(inserted: 1))
        for call in calls {
            let (phone, stored) = await call.value
            #expect(stored == (phone != bad), "\(phone)")
        }
        let stored = await committed.records.compactMap(\.phone)
        #expect(stored.count == 50 && Set(stored).count == 50 && !stored.contains(bad))
        // The bad call's group of 50 failed; halves were committed again until it was alone (about 2 log2 50 tries).
        let tries = await ledger.batches.filter { $0.contains { $0.phone == bad } }
        #expect(tries.first?.count == 50 && tries.last?.count == 1 && tries.count <= 7)
        #expect(committer.transactions == (await ledger.batches.count) - tries.count)
    }

    /// What the writer queue of the next test saw: the phones of each transaction, and those committed.
    final class WriterLog: Sendable {
        let batches = Mutex<[[String]]>([])
        let committed = Mutex<Set<String>>([])
    }

    /// SQLite's way: each transaction runs on the store's own serial queue and calls back when it ends; the
    /// committer takes the next group from there (everything queued meanwhile), and answers a call only after the
    /// transaction holding it committed.
    @Test func transactionsOnTheStoresQueueTakeWhatQueuedMeanwhileAndAnswerAfterTheirCommit() async throws {
        let writer = DispatchQueue(label: "test.writer")
        let held = DispatchSemaphore(value: 0)
        let log = WriterLog()
        let committer = GroupCommitter { records, completion in
            writer.async {
                let phones = records.compactMap(\.phone)
                let isFirst = log.batches.withLock { batches in
                    batches.append(phones)
                    return batches.count == 1
                }
                if isFirst { held.wait() }
                log.committed.withLock { $0.formUnion(phones) }
                completion(.success(records.map { _ in .inserted }))
            }
        }
        let store = { (phone: String) in
            Task {
                let outcome = try await committer.submit([Pushes.receipt(task: "t", phone: phone)])
                return (outcome, log.committed.withLock { $0.contains(phone) })
            }
        }
        let first = store("13900000000")
        while log.batches.withLock({ $0.isEmpty }) { await Task.yield() }
        let phones = (0..<50).map { String(13_800_000_000 + $0) }
        let calls = phones.map(store)
        while committer.waitingCalls < 50 { await Task.yield() }
        held.signal()
        let (outcome, answeredAfterCommit) = try await first.value
        #expect(outcome == StoreOutcome(inserted: 1) && answeredAfterCommit)
        for call in calls {
            let (outcome, answeredAfterCommit) = try await call.value
            #expect(outcome == StoreOutcome(inserted: 1) && answeredAfterCommit)
        }
        #expect(log.batches.withLock { $0.map(\.count) } == [1, 50])
        #expect(Set(log.batches.withLock { $0[1] }) == Set(phones))
        #expect(committer.transactions == 2)
        await committer.close()
        await #expect(throws: StoreError.self) { try await committer.submit([Pushes.receipt(task: "t", phone: "1")]) }
    }

    @Test func aRecordHoldingNULIsRefusedBeforeAnyTransactionNamingItsField() async throws {
        let ledger = Ledger()
        let committer = GroupCommitter { records in
            await ledger.add(records)
            return records.map { _ in .inserted }
        }
        var bad = Pushes.receipt(task: "t", phone: "13800000001")
        bad.message = "x\u{0}y"
        await #expect {
            try await committer.submit([Pushes.receipt(task: "t", phone: "13800000000"), bad])
        } throws: { error in
            (error as? PushPayloadError)?.description.hasPrefix(
                "record 2 of 2 (delivery_receipt): its message holds a NUL")
                == true
        }
        #expect(await ledger.batches.isEmpty)
        #expect(
            try await committer.submit([Pushes.receipt(task: "t", phone: "13800000002")]) == StoreOutcome(inserted: 1))
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
