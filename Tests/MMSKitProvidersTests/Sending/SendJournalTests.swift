import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

/// The journal's exclusive lock, request_ids fixed before sending, and schedules that change on resume.
@Suite struct SendJournalTests {
    /// Holds this test's journals; removed when the test ends.
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-journals")
    }

    func path() -> String {
        directory.appending("journal-\(UUID().uuidString).jsonl")
    }

    static func header(sendTime: String? = nil) -> SendJournal.Header {
        .init(
            provider: "ihuyi", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def", chunkSize: 5,
            sendTime: sendTime)
    }

    @Test func onlyOneRunHoldsTheJournal() throws {
        let path = self.path()
        let first = try SendJournal.create(at: path, header: Self.header())
        let second = try SendJournal.resume(at: path)
        try first.lock()
        #expect(throws: SendJournalError.busy(path)) { try second.lock() }
        first.unlock()
        try second.lock()
        second.unlock()
    }

    @Test func takingTheLockRereadsWhatAnotherRunRecorded() throws {
        let path = self.path()
        let stale = try SendJournal.create(at: path, header: Self.header())
        let other = try SendJournal.resume(at: path)
        try other.lock()
        try other.record(
            .init(index: 0, state: .acknowledged, requestID: "r", first: 0, count: 5, taskID: "T", at: Date()))
        other.unlock()
        #expect(stale.chunks[0] == nil)
        try stale.lock()
        #expect(stale.chunks[0]?.state == .acknowledged)
    }

    @Test func requestIDsAreFixedByTheJournal() throws {
        let path = self.path()
        let journal = try SendJournal.create(at: path, header: Self.header())
        let copy = try SendJournal.resume(at: path)
        for chunk in 0..<5 {
            #expect(journal.requestID(chunk: chunk, generation: 0) == copy.requestID(chunk: chunk, generation: 0))
            #expect(UUID(uuidString: journal.requestID(chunk: chunk, generation: 0)) != nil)
        }
        #expect(journal.requestID(chunk: 0, generation: 0) != journal.requestID(chunk: 1, generation: 0))
        #expect(journal.requestID(chunk: 0, generation: 0) != journal.requestID(chunk: 0, generation: 1))
        let other = try SendJournal.create(at: self.path(), header: Self.header())
        #expect(other.requestID(chunk: 0, generation: 0) != journal.requestID(chunk: 0, generation: 0))
    }

    /// Refuses every request, recording what it was sent.
    final class RefusingDispatcher: BatchDispatcher, @unchecked Sendable {
        var provider: ProviderID { .ihuyi }
        var maximumChunkSize: Int { 5 }
        var deduplicatesRequests: Bool { true }
        var deduplicationWindow: Duration { .seconds(7200) }
        let lock = NSLock()
        var requestIDs: [String] = []
        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            lock.withLock { requestIDs.append(requestID) }
            throw DispatchError(.refused, "refused")
        }
        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }
    }

    @Test func twoCopiesOfAJournalSendUnderTheSameRequestIDs() async throws {
        // A second runner that bypasses the lock (say, a copied journal) still uses the same request_ids, which
        // ihuyi's de-duplication refuses; a refused chunk moves on to its next id.
        let path = self.path()
        _ = try SendJournal.create(at: path, header: Self.header())
        let copy = self.path()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let numbers = (0..<5).map { try! PhoneNumber(String(13_800_000_000 + $0)) }
        var seen: [[String]] = []
        for journalPath in [path, copy] {
            let dispatcher = RefusingDispatcher()
            let journal = try SendJournal.resume(at: journalPath)
            var given = false
            _ = try await CampaignRunner(dispatcher: dispatcher, sleep: { _ in }).run(journal: journal) { _ in
                defer { given = true }
                return given ? [] : numbers
            }
            seen.append(dispatcher.requestIDs)
            #expect(journal.chunks[0]?.state == .failed)
        }
        #expect(seen[0] == seen[1])
        let resumed = try SendJournal.resume(at: path)
        let dispatcher = RefusingDispatcher()
        var given = false
        _ = try await CampaignRunner(dispatcher: dispatcher, sleep: { _ in }).run(journal: resumed) { _ in
            defer { given = true }
            return given ? [] : numbers
        }
        #expect(dispatcher.requestIDs == [resumed.requestID(chunk: 0, generation: 1)])
        #expect(resumed.chunks[0]?.generation == 1)
    }

    @Test func aPassedScheduleNeedsANewTimeOrNow() throws {
        let path = self.path()
        let past = "2020-01-01 09:00:00"
        let journal = try SendJournal.create(at: path, header: Self.header(sendTime: past))
        #expect(journal.sendTime == past)
        #expect(throws: SendJournalError.schedulePassed(path, sendTime: past)) {
            try journal.resolveSchedule(newTime: nil, sendNow: false)
        }
        try journal.resolveSchedule(newTime: nil, sendNow: true)
        #expect(journal.sendTime == nil)
        #expect(try SendJournal.resume(at: path).sendTime == nil)
        let future = ChinaTime.format(Date().addingTimeInterval(86_400))
        try journal.resolveSchedule(newTime: future, sendNow: false)
        #expect(try SendJournal.resume(at: path).sendTime == future)
        // A time still to come is kept as it is.
        let reopened = try SendJournal.resume(at: path)
        try reopened.resolveSchedule(newTime: nil, sendNow: false)
        #expect(reopened.sendTime == future)
    }

    @Test func aVersionOneJournalIsComparedWithTheFingerprintItRecorded() throws {
        let path = self.path()
        let line =
            #"{"header":{"chunkSize":5,"created":"2026-11-30T10:00:00Z","messageSHA256":"legacy","phonesPath":"list.txt","phonesSHA256":"abc","provider":"ihuyi","version":1},"type":"campaign"}"#
        try (line + "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let journal = try SendJournal.resume(
            at: path, provider: "ihuyi", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "new",
            legacyMessageSHA256: "legacy")
        #expect(journal.header.campaignID == nil)
        #expect(throws: SendJournalError.self) {
            try SendJournal.resume(
                at: path, provider: "ihuyi", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "new",
                legacyMessageSHA256: "other")
        }
        #expect(throws: SendJournalError.self) {
            try SendJournal.resume(
                at: path, provider: "jpush", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "new",
                legacyMessageSHA256: "legacy")
        }
    }
}
