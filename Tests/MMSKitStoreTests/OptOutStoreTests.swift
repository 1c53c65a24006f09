import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import Testing

/// The suppression list in both stores: a reply that is an opt-out keyword adds its number in the transaction
/// that stores the reply; entries added by hand or imported; paging; which numbers of a chunk are on it.
@Suite struct OptOutStoreTests {
    @Test(arguments: StoreBackend.allCases)
    func aKeywordReplyAddsItsNumberWithTheReply(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let outcome = try await store.store([
            Pushes.uplink(phone: "+86 13800000001", content: "Ｔ。", task: "task-7"),
            Pushes.uplink(phone: "13800000002", content: "T恤还有吗"),
            Pushes.uplink(phone: "13800000003", content: "退订"),
            Pushes.receipt(task: "task-7", phone: "13800000004"),
        ])
        #expect(outcome == StoreOutcome(inserted: 4))
        let list = try await store.optOuts(after: nil, limit: 10)
        #expect(list.map(\.phone) == ["13800000001", "13800000003"])
        #expect(list.map(\.keyword) == ["T", "退订"])
        #expect(list.allSatisfy { $0.source == .reply && $0.provider == .ihuyi })
        #expect(list.first?.taskID == "task-7")
        #expect(
            try await store.suppressed(among: ["13800000001", "13800000002", "13800000003", "13800000004"])
                == ["13800000001", "13800000003"])
        try await store.close()
    }

    /// The reply and its opt-out are one transaction: a group the store refuses (a record holding NUL) leaves
    /// neither the reply nor the opt-out.
    @Test(arguments: StoreBackend.allCases)
    func aRefusedGroupAddsNoOptOut(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        var poisoned = Pushes.receipt(task: "t", phone: "13800000009")
        poisoned.message = "a\u{0}b"
        await #expect(throws: PushPayloadError.self) {
            try await store.store([Pushes.uplink(phone: "13800000001", content: "T"), poisoned])
        }
        #expect(try await store.optOutCount() == 0)
        #expect(try await store.statistics(task: nil).uplinks == 0)
        try await store.close()
    }

    /// A retried reply is a duplicate and changes nothing: a number put back by hand stays back.
    @Test(arguments: StoreBackend.allCases)
    func aRetriedReplyDoesNotUndoARemoval(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let reply = Pushes.uplink(phone: "13800000001", content: "TD")
        _ = try await store.store([reply])
        #expect(try await store.removeOptOuts(phones: ["13800000001", "13800000002"]) == 1)
        #expect(try await store.store([reply]) == StoreOutcome(duplicates: 1))
        #expect(try await store.optOutCount() == 0)
        try await store.close()
    }

    @Test(arguments: StoreBackend.allCases)
    func anOptInKeywordTakesTheNumberOff(_ backend: StoreBackend) async throws {
        let keywords = try OptOutKeywords(optOut: ["T"], optIn: ["START"])
        guard let opened = try await backend.open(keywords: keywords) else { return }
        let store = opened.store
        _ = try await store.store([Pushes.uplink(phone: "13800000001", content: "t")])
        #expect(try await store.optOutCount() == 1)
        _ = try await store.store([Pushes.uplink(phone: "13800000001", content: "start!")])
        #expect(try await store.optOutCount() == 0)
        try await store.close()
    }

    /// Entries added by hand or imported keep the first entry of a number, page in phone order, and a chunk's
    /// check finds exactly the listed numbers among thousands.
    @Test(arguments: StoreBackend.allCases)
    func manualAndImportedEntriesPageInPhoneOrder(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        let phones = (0..<2_500).map { String(format: "139%08d", $0 * 7) }
        let imported = phones.map { OptOut(phone: $0, source: .import, time: time) }
        #expect(try await store.addOptOuts(imported.shuffled()) == 2_500)
        #expect(try await store.addOptOuts([OptOut(phone: phones[3], source: .manual, time: time)]) == 0)
        var read: [OptOut] = []
        for try await entry in store.allOptOuts(pageSize: 1_000) { read.append(entry) }
        #expect(read.map(\.phone) == phones.sorted())
        #expect(read.allSatisfy { $0.source == .import && $0.time == time && $0.provider == nil })
        let chunk = (0..<5_000).map { String(format: "139%08d", $0) }
        #expect(try await store.suppressed(among: chunk) == Set(phones.filter { chunk.contains($0) }))
        try await store.close()
    }

    /// Replies stored before the store kept a list (here: by a store whose keywords matched none of them) are
    /// put on it by a scan: each number's latest keyword reply decides, and a second scan changes nothing.
    @Test(arguments: StoreBackend.allCases)
    func aScanPutsEarlierKeywordRepliesOnTheList(_ backend: StoreBackend) async throws {
        let none = try OptOutKeywords(optOut: ["NEVER-SENT"])
        guard let opened = try await backend.open(keywords: none) else { return }
        let store = opened.store
        _ = try await store.store([
            Pushes.uplink(phone: "13800000001", content: "ｔｄ", task: "task-1"),
            Pushes.uplink(phone: "13800000002", content: "T恤还有吗"),
            Pushes.uplink(phone: "13800000003", content: "退订"),
            Pushes.uplink(phone: "13800000004", content: "START"),
        ])
        _ = try await store.addOptOuts([OptOut(phone: "13800000003", source: .manual, time: Date())])
        #expect(try await store.optOutCount() == 1)
        let keywords = try OptOutKeywords(optOut: OptOutKeywords.defaultOptOut, optIn: ["START"])
        let outcome = try await ReplyScan.run(in: store, keywords: keywords, batchSize: 1)
        #expect(outcome == ReplyScan.Outcome(replies: 4, optedOut: 2, added: 1, removed: 0))
        let list = try await store.optOuts(after: nil, limit: 10)
        #expect(list.map(\.phone) == ["13800000001", "13800000003"])
        #expect(list[0].source == .reply && list[0].keyword == "TD" && list[0].taskID == "task-1")
        #expect(list[1].source == .manual)
        #expect(try await ReplyScan.run(in: store, keywords: keywords).added == 0)
        try await store.close()
    }
}
