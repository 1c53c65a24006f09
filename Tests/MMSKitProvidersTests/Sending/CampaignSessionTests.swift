import Foundation
import MMSKit
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitProviders

/// A resumable, exactly-once campaign through the library alone: `CampaignSession` creates or continues the
/// journal, reads the first chunk before a new journal exists and sends through an injected dispatcher.
@Suite struct CampaignSessionTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-session")
    }

    /// A phone list file of `count` distinct numbers.
    func list(_ count: Int, name: String = "list.txt") throws -> String {
        let path = directory.appending(name)
        let text = (0..<count).map { String(13_700_000_000 + $0) + "\n" }.joined()
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A provider that accepts every chunk except those it is told to leave unanswered, and records what it was sent.
    final class ScriptedDispatcher: BatchDispatcher {
        let provider: ProviderID
        let deduplicatesRequests: Bool
        var maximumChunkSize: Int { 10 }
        var deduplicationWindow: Duration { deduplicatesRequests ? .seconds(2 * 3600) : .zero }
        /// Every request: its request_id and its numbers.
        let sent = Mutex<[(requestID: String, phones: [String])]>([])
        /// Requests whose first number is one of these get no answer, once each.
        let unanswered = Mutex<Set<String>>([])

        init(provider: ProviderID = "acme", deduplicates: Bool) {
            self.provider = provider
            deduplicatesRequests = deduplicates
        }

        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            sent.withLock { $0.append((requestID, phones.map(\.digits))) }
            if let first = phones.first?.digits, unanswered.withLock({ $0.remove(first) != nil }) {
                throw DispatchError(.uncertain, "the connection was reset before the answer")
            }
            return DispatchReceipt(taskID: "T-\(requestID.prefix(8))", accepted: phones.count)
        }

        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }

        /// How often each number was sent.
        var deliveries: [String: Int] {
            sent.withLock { Dictionary($0.flatMap(\.phones).map { ($0, 1) }, uniquingKeysWith: +) }
        }
    }

    static func campaign(_ dispatcher: ScriptedDispatcher, text: String = "春季新品上市") -> Campaign {
        Campaign(parts: [Data(dispatcher.provider.rawValue.utf8), Data(text.utf8)], maximumChunkSize: 10) { _, _ in
            dispatcher
        }
    }

    static let noWait: @Sendable (Duration) async -> Void = { _ in }

    @Test func aFreshCampaignSendsEveryChunkOnceAndJournalsIt() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: true)
        let phones = try list(25)
        let journal = directory.appending("fresh.jsonl")
        let session = try CampaignSession.start(
            Self.campaign(dispatcher), phones: phones, journal: .file(journal), chunkSize: 10)
        let summary = try await session.run(sleep: Self.noWait)
        #expect(summary.succeeded)
        #expect(summary.chunks == 3 && summary.acknowledgedChunks == 3 && summary.accepted == 25)
        #expect(session.list.valid == 25)
        #expect(dispatcher.deliveries.count == 25 && dispatcher.deliveries.values.allSatisfy { $0 == 1 })
        // acme is no registered provider: the journal is read as a resume reads it, not as a report does.
        let recorded = try SendJournal.resume(at: journal)
        #expect(recorded.header.provider == "acme")
        #expect(recorded.header.chunkSize == 10)
        #expect(recorded.header.phonesSHA256 == (try RecipientList.fingerprint(path: phones)))
        #expect(recorded.chunks.count == 3 && recorded.chunks.values.allSatisfy { $0.state == .acknowledged })
    }

    @Test func aNewJournalGetsItsOwnNameInTheDirectoryGiven() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: true)
        let session = try CampaignSession.start(
            Self.campaign(dispatcher), phones: try list(3), journal: .directory(directory.path))
        #expect(session.journal.path.hasPrefix(directory.path + "/mmskit-send-"))
        #expect(try await session.run(sleep: Self.noWait).succeeded)
    }

    @Test func aListWithoutAValidNumberLeavesNoJournal() throws {
        let phones = directory.appending("empty.txt")
        try Data("not a number\n".utf8).write(to: URL(fileURLWithPath: phones))
        let journal = directory.appending("never.jsonl")
        #expect(throws: RecipientListError.self) {
            try CampaignSession.start(
                Self.campaign(ScriptedDispatcher(deduplicates: true)), phones: phones, journal: .file(journal))
        }
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test func aChunkLeftUnansweredIsResentUnderItsRequestIDWhereTheProviderDeduplicates() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: true)
        let phones = try list(45)
        // Chunk 2 (the third) goes out, and no answer comes: it stays pending, and the run stops.
        dispatcher.unanswered.withLock { _ = $0.insert("13700000020") }
        let journal = directory.appending("unanswered.jsonl")
        let first = try CampaignSession.start(Self.campaign(dispatcher), phones: phones, journal: .file(journal))
        let stopped = try await first.run(retry: RetryPolicy(maximumAttempts: 1), sleep: Self.noWait)
        #expect(!stopped.succeeded && stopped.failedChunk == 2)
        #expect(first.journal.chunks[2]?.state == .pending)
        let pendingID = try #require(first.journal.chunks[2]?.requestID)

        let resumed = try CampaignSession.resume(Self.campaign(dispatcher), phones: phones, journal: journal)
        let summary = try await resumed.run(sleep: Self.noWait)
        #expect(summary.succeeded)
        #expect(summary.skippedChunks == 2 && summary.chunks == 5 && summary.accepted == 45)
        let requests = dispatcher.sent.withLock { $0 }
        // Chunks 0, 1, 2 (unanswered), then 2 again under the same request_id, 3 and 4: 0 and 1 never twice.
        #expect(requests.count == 6)
        #expect(requests[3].requestID == pendingID)
        #expect(dispatcher.deliveries.filter { $0.value > 1 }.keys.allSatisfy { $0.hasPrefix("1370000002") })
    }

    @Test func aChunkStartedAndNotAnsweredIsUnknownWhereTheProviderCannotTell() async throws {
        let dispatcher = ScriptedDispatcher(provider: "smsco", deduplicates: false)
        let phones = try list(30)
        let journal = directory.appending("crashed.jsonl")
        do {
            // A run killed after recording chunk 1 as about to be sent, before its answer was recorded.
            let killed = try CampaignSession.start(Self.campaign(dispatcher), phones: phones, journal: .file(journal))
            let now = Date()
            try killed.journal.record(
                .init(
                    index: 0, state: .acknowledged, requestID: killed.journal.requestID(chunk: 0, generation: 0),
                    first: 0, count: 10, taskID: "T0", accepted: 10, at: now, generation: 0, since: now))
            try killed.journal.record(
                .init(
                    index: 1, state: .pending, requestID: killed.journal.requestID(chunk: 1, generation: 0), first: 10,
                    count: 10, at: now, generation: 0, since: now))
        }
        let resumed = try CampaignSession.resume(Self.campaign(dispatcher), phones: phones, journal: journal)
        let summary = try await resumed.run(sleep: Self.noWait)
        #expect(!summary.succeeded && summary.failedChunk == 1)
        #expect(summary.failure?.contains("the outcome is unknown") == true)
        #expect(dispatcher.sent.withLock { $0.isEmpty }, "nothing may be sent before the unknown chunk is settled")

        let again = try CampaignSession.resume(Self.campaign(dispatcher), phones: phones, journal: journal)
        let resent = try await again.run(resendUnknown: true, sleep: Self.noWait)
        #expect(resent.succeeded && resent.skippedChunks == 1 && resent.acknowledgedChunks == 2)
        #expect(dispatcher.deliveries.count == 20, "chunks 1 and 2 only")
    }

    @Test func theJournalOfAnotherCampaignIsRefused() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: true)
        let phones = try list(12)
        let journal = directory.appending("spring.jsonl")
        _ = try await CampaignSession.start(Self.campaign(dispatcher), phones: phones, journal: .file(journal))
            .run(sleep: Self.noWait)

        func refusal(_ campaign: Campaign, phones: String) -> String? {
            do {
                _ = try CampaignSession.resume(campaign, phones: phones, journal: journal)
                return nil
            } catch let error as SendJournalError {
                guard case .mismatch(_, let what) = error else { return "\(error)" }
                return what
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(Self.campaign(dispatcher, text: "秋季新品"), phones: phones) == "the message has changed")
        #expect(
            refusal(Self.campaign(dispatcher), phones: try list(13, name: "other.txt"))?.contains("has changed") == true
        )
        let other = ScriptedDispatcher(provider: "other", deduplicates: true)
        #expect(refusal(Self.campaign(other), phones: phones) == "it was sent with acme, not other")
        #expect(dispatcher.sent.withLock { $0.count } == 2, "a refused resume sends nothing")
    }

    @Test func aSecondRunOfACampaignIsRefusedWhileTheFirstHoldsItsJournal() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: true)
        let phones = try list(5)
        let journal = directory.appending("held.jsonl")
        _ = try CampaignSession.start(Self.campaign(dispatcher), phones: phones, journal: .file(journal))
        let holding = try CampaignSession.resume(Self.campaign(dispatcher), phones: phones, journal: journal)
        #expect(throws: SendJournalError.busy(journal)) {
            try CampaignSession.resume(Self.campaign(dispatcher), phones: phones, journal: journal)
        }
        #expect(try await holding.run(sleep: Self.noWait).succeeded)
    }

    // MARK: The README's example

    /// The README's "Using the library" example, verbatim: it must compile and do what it says.
    func sendSpringCampaign(
        connection: ProviderConnection, phones: String, journal: String
    ) async throws -> CampaignSummary {
        let ihuyi = IhuyiProvider(connection: connection)
        let campaign = try ihuyi.campaign(CampaignOptions(productID: 1018, templateID: 5501), content: nil)
        // A new campaign, or the rest of one a crash or a kill interrupted: no chunk is ever sent twice.
        let session =
            FileManager.default.fileExists(atPath: journal)
            ? try CampaignSession.resume(campaign, phones: phones, journal: journal)
            : try CampaignSession.start(campaign, phones: phones, journal: .file(journal))
        return try await session.run()
    }

    @Test func theReadmeExampleSendsAndThenResumesWithoutSendingTwice() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let connection = ProviderConnection(
            credentials: ProviderCredentials(
                provider: IhuyiProvider.providerDescription,
                values: ["api_id": server.apiID, "api_key": server.apiKey]),
            baseURL: server.baseURL, transport: HTTPClientTransport(timeout: 5))
        let phones = try list(12)
        let journal = directory.appending("readme.jsonl")
        let sent = try await sendSpringCampaign(connection: connection, phones: phones, journal: journal)
        #expect(sent.succeeded && sent.accepted == 12 && sent.skippedChunks == 0)
        let resumed = try await sendSpringCampaign(connection: connection, phones: phones, journal: journal)
        #expect(resumed.succeeded && resumed.skippedChunks == 1 && resumed.acknowledgedChunks == 0)
        #expect(server.withState { $0.requestCount } == 1)
        #expect(server.withState { $0.deliveries.count == 12 && $0.deliveries.values.allSatisfy { $0 == 1 } })
    }
}
