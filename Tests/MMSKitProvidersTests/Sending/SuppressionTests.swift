import Foundation
import MMSKit
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitProviders

/// Opt-outs applied before any request leaves: suppressed numbers are dropped from each chunk, counted, recorded
/// with the chunk, and a resume drops the same numbers from a chunk that may have gone out while a new opt-out
/// applies to the chunks not sent yet.
@Suite struct SuppressionTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-suppression")
    }

    func journal(_ provider: ProviderID = .jpush, chunkSize: Int = 10) throws -> SendJournal {
        try SendJournal.create(
            at: directory.appending("journal-\(UUID().uuidString).jsonl"),
            header: .init(
                provider: provider, phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def",
                chunkSize: chunkSize))
    }

    /// A suppression list that can change while a campaign runs, and counts how often it is asked.
    final class MutableList: SuppressionList {
        let numbers: Mutex<Set<String>>
        let asked = Mutex(0)
        init(_ numbers: Set<String>) { self.numbers = Mutex(numbers) }
        func suppressed(among phones: [String]) async throws -> Set<String> {
            asked.withLock { $0 += 1 }
            let listed = numbers.withLock { $0 }
            return Set(phones.filter(listed.contains))
        }
    }

    /// Records the numbers of every request; fails the chunk numbered `failing` (0-based) as not sent, once.
    final class RecordingDispatcher: BatchDispatcher {
        let provider: ProviderID = .jpush
        var deduplicatesRequests: Bool { false }
        var maximumChunkSize: Int { 10 }
        var deduplicationWindow: Duration { .zero }
        let sent = Mutex<[[String]]>([])
        let failing: Mutex<Int?>

        init(failingCall: Int? = nil) { failing = Mutex(failingCall) }

        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            let call = sent.withLock { sent in
                sent.append(phones.map(\.digits))
                return sent.count - 1
            }
            if failing.withLock({ $0 == call }) { throw DispatchError(.refused, "refused for the test") }
            return DispatchReceipt(taskID: "T\(call)", accepted: phones.count)
        }

        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }
    }

    static let numbers = UnansweredChunkTests.numbers(25)
    static func digits(_ range: Range<Int>) -> [String] { numbers[range].map(\.digits) }

    @Test func suppressedNumbersAreLeftOutOfEveryChunkAndCounted() async throws {
        // 9 and 10 sit on either side of the first chunk boundary; 20–24 are the whole last chunk.
        let listed = Set(Self.digits(9..<11) + Self.digits(20..<25))
        let dispatcher = RecordingDispatcher()
        let journal = try journal()
        let summary = try await CampaignRunner(dispatcher: dispatcher).run(
            journal: journal, suppression: MutableList(listed),
            next: UnansweredChunkTests.ListSource(Self.numbers).next)
        #expect(summary.succeeded)
        #expect(summary.suppressed == 7)
        #expect(summary.accepted == 18)
        #expect(summary.chunks == 3 && summary.acknowledgedChunks == 3)
        #expect(dispatcher.sent.withLock { $0 } == [Self.digits(0..<9), Self.digits(11..<20)])
        let reread = try SendJournal.resume(at: journal.path)
        #expect(reread.chunks[0]?.suppressed == Self.digits(9..<10))
        #expect(reread.chunks[1]?.suppressed == Self.digits(10..<11))
        #expect(reread.chunks[2]?.suppressed == Self.digits(20..<25))
        #expect(reread.chunks[2]?.state == .acknowledged && reread.chunks[2]?.accepted == 0)
        #expect(reread.chunks[0]?.count == 10, "a chunk still covers its place in the list")
    }

    @Test func withoutAListEveryNumberIsSentAndNothingIsRecorded() async throws {
        let dispatcher = RecordingDispatcher()
        let journal = try journal()
        let summary = try await CampaignRunner(dispatcher: dispatcher).run(
            journal: journal, next: UnansweredChunkTests.ListSource(Self.numbers).next)
        #expect(summary.suppressed == 0 && summary.accepted == 25)
        let text = try String(contentsOfFile: journal.path, encoding: .utf8)
        #expect(!text.contains("suppressed"), "a journal without suppression is written as before")
    }

    /// An opt-out that arrives after chunk 1 was refused applies when the campaign resumes: the failed chunk and
    /// the chunks never sent ask the list again; acknowledged chunks are not sent again.
    @Test func aNewOptOutAppliesToTheChunksNotSentYetOnResume() async throws {
        let list = MutableList([])
        let dispatcher = RecordingDispatcher(failingCall: 1)
        let journal = try journal()
        let first = try await CampaignRunner(dispatcher: dispatcher).run(
            journal: journal, suppression: list, next: UnansweredChunkTests.ListSource(Self.numbers).next)
        #expect(first.failedChunk == 1)
        list.numbers.withLock { $0 = Set([Self.numbers[3].digits, Self.numbers[12].digits, Self.numbers[22].digits]) }
        let resumed = try await CampaignRunner(dispatcher: dispatcher).run(
            journal: try SendJournal.resume(at: journal.path), suppression: list,
            next: UnansweredChunkTests.ListSource(Self.numbers).next)
        #expect(resumed.succeeded)
        #expect(resumed.suppressed == 2, "chunk 0 was sent before the opt-out: it keeps its numbers")
        let sent = dispatcher.sent.withLock { $0 }
        #expect(sent.count == 4)
        #expect(sent[0] == Self.digits(0..<10))
        #expect(sent[2] == Self.digits(10..<20).filter { $0 != Self.numbers[12].digits })
        #expect(sent[3] == Self.digits(20..<25).filter { $0 != Self.numbers[22].digits })
    }

    /// A chunk recorded as about to be sent, whose run was killed before the answer, is sent again (where the
    /// provider de-duplicates) to exactly the numbers it was recorded with, even if the list changed since.
    @Test func aResumedPendingChunkKeepsTheNumbersItWasRecordedWith() async throws {
        let journal = try journal(.ihuyi)
        let requestID = journal.requestID(chunk: 0, generation: 0)
        let now = Date()
        try journal.record(
            .init(
                index: 0, state: .pending, requestID: requestID, first: 0, count: 10, at: now, generation: 0,
                since: now, suppressed: [Self.numbers[4].digits]))
        let dispatcher = UnansweredChunkTests.AcceptingDispatcher(provider: .ihuyi, deduplicates: true)
        let list = MutableList([Self.numbers[5].digits])
        let resumed = try await CampaignRunner(dispatcher: dispatcher).run(
            journal: try SendJournal.resume(at: journal.path), suppression: list,
            next: UnansweredChunkTests.ListSource(Array(Self.numbers[0..<10])).next)
        #expect(resumed.succeeded)
        #expect(resumed.suppressed == 1)
        #expect(resumed.accepted == 9, "number 5 opted out after the chunk may have left: it is in the request again")
        #expect(list.asked.withLock { $0 } == 0, "the chunk's numbers are the recorded ones")
    }

    @Test func aListThatCannotBeReadStopsBeforeTheChunkIsSent() async throws {
        struct Unreadable: SuppressionList {
            func suppressed(among phones: [String]) async throws -> Set<String> {
                throw CocoaError(.fileReadNoPermission)
            }
        }
        let dispatcher = RecordingDispatcher()
        let journal = try journal()
        await #expect(throws: SuppressionListError.self) {
            try await CampaignRunner(dispatcher: dispatcher).run(
                journal: journal, suppression: Unreadable(), next: UnansweredChunkTests.ListSource(Self.numbers).next)
        }
        #expect(dispatcher.sent.withLock { $0.isEmpty })
        #expect(try SendJournal.resume(at: journal.path).chunks.isEmpty)
    }

    @Test func aSuppressionFileReadsLikeAPhoneList() async throws {
        let path = directory.appending("optouts.txt")
        try "# opted out by phone\n+86 139-0000-0003\n13900000004\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        let file = try SuppressionFile(path: path)
        #expect(file.count == 2)
        #expect(try await file.suppressed(among: Self.digits(0..<10)) == Set(Self.digits(3..<5)))
        let combined = CombinedSuppressionList([file, MutableList([Self.numbers[7].digits])])
        #expect(
            try await combined.suppressed(among: Self.digits(0..<10))
                == Set(Self.digits(3..<5) + [Self.numbers[7].digits]))
        try "13900000003\nnot a number\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RecipientListError.self) { try SuppressionFile(path: path) }
    }
}
