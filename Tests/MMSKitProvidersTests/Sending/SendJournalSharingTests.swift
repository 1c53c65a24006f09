import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

/// A `SendJournal` is `Sendable` because its state is behind a lock: records written from many tasks at once all
/// reach the file and the state in memory, in the same order.
@Suite struct SendJournalSharingTests {
    /// A whole second, which the journal's ISO 8601 dates keep exactly.
    static let time = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func recordsFromManyTasksAtOnceAreAllKeptInFileAndMemory() async throws {
        let directory = try TemporaryDirectory("mmskit-journal-sharing")
        let journal = try SendJournal.create(
            at: directory.appending("shared.jsonl"),
            header: .init(
                provider: "ihuyi", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def", chunkSize: 1))
        let tasks = 4
        let perTask = 50
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    for step in 0..<perTask {
                        let index = task * perTask + step
                        try? journal.record(
                            .init(
                                index: index, state: .acknowledged,
                                requestID: journal.requestID(chunk: index, generation: 0),
                                first: index, count: 1, at: Self.time))
                        _ = journal.chunks[index]
                    }
                }
            }
        }
        #expect(journal.chunks.count == tasks * perTask)
        let reread = try SendJournal.contents(at: journal.path)
        #expect(reread.chunks.count == tasks * perTask)
        #expect(Dictionary(uniqueKeysWithValues: reread.chunks.map { ($0.index, $0) }) == journal.chunks)
    }
}
