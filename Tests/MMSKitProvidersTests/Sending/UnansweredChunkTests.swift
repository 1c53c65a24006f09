import Foundation
import MMSKit
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitProviders

/// Every path from "recorded as about to send" to "recorded as answered": an answer that does not say refused is
/// uncertain, and a chunk started and not answered before a crash is unknown unless the provider de-duplicates.
@Suite struct UnansweredChunkTests {
    static func numbers(_ count: Int) -> [PhoneNumber] {
        (0..<count).map { try! PhoneNumber(String(13_900_000_000 + $0)) }
    }

    static let noWait: @Sendable (Duration) async -> Void = { _ in }

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-unanswered")
    }

    func journal(_ provider: ProviderID, chunkSize: Int) throws -> SendJournal {
        try SendJournal.create(
            at: directory.appending("journal-\(UUID().uuidString).jsonl"),
            header: .init(
                provider: provider, phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def",
                chunkSize: chunkSize))
    }

    /// A `next` closure over a fixed list.
    final class ListSource: Sendable {
        let remaining: Mutex<[PhoneNumber]>
        init(_ numbers: [PhoneNumber]) { remaining = Mutex(numbers) }
        func next(_ count: Int) -> [PhoneNumber] {
            remaining.withLock { remaining in
                let chunk = Array(remaining.prefix(count))
                remaining.removeFirst(chunk.count)
                return chunk
            }
        }
    }

    /// A provider that accepts every chunk and records the request_ids it was sent; de-duplicating or not.
    final class AcceptingDispatcher: BatchDispatcher {
        let provider: ProviderID
        let deduplicatesRequests: Bool
        var maximumChunkSize: Int { 10 }
        var deduplicationWindow: Duration { deduplicatesRequests ? .seconds(2 * 3600) : .zero }
        let sent = Mutex<[(requestID: String, attempt: Int)]>([])

        init(provider: ProviderID, deduplicates: Bool) {
            self.provider = provider
            deduplicatesRequests = deduplicates
        }

        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            sent.withLock { $0.append((requestID, attempt)) }
            return DispatchReceipt(taskID: "T-\(requestID.prefix(8))", accepted: phones.count)
        }

        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }
    }

    /// Journals chunks 0 and 1 as acknowledged and chunk 2 as pending, as a run killed (at `at`) after recording
    /// chunk 2 and before recording its answer leaves it.
    func killedAfterRecordingChunk2(_ journal: SendJournal, at: Date = Date()) throws -> String {
        for index in 0..<2 {
            try journal.record(
                .init(
                    index: index, state: .acknowledged, requestID: journal.requestID(chunk: index, generation: 0),
                    first: index * 10, count: 10, taskID: "T\(index)", accepted: 10, at: at, generation: 0, since: at))
        }
        let requestID = journal.requestID(chunk: 2, generation: 0)
        try journal.record(
            .init(
                index: 2, state: .pending, requestID: requestID, first: 20, count: 10, at: at, generation: 0,
                since: at))
        return requestID
    }

    @Test(arguments: [ProviderID.jpush, .sendpulse])
    func withoutDeduplicationAChunkLeftPendingByACrashIsUnknown(provider: ProviderID) async throws {
        let journal = try self.journal(provider, chunkSize: 10)
        _ = try killedAfterRecordingChunk2(journal)
        let dispatcher = AcceptingDispatcher(provider: provider, deduplicates: false)

        let resumed = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(45)).next)
        #expect(!resumed.succeeded)
        #expect(resumed.failedChunk == 2)
        let failure = try #require(resumed.failure)
        #expect(failure.contains("chunk 3 (recipients 21–30): the outcome is unknown"), "\(failure)")
        #expect(failure.contains("does not de-duplicate") && failure.contains("--resend-unknown"), "\(failure)")
        #expect(dispatcher.sent.withLock { $0.isEmpty }, "a chunk that may have been delivered was sent again")
        let reread = try SendJournal.resume(at: journal.path)
        #expect(reread.chunks[2]?.state == .unknown)
        #expect(reread.chunks[3] == nil, "nothing after the unknown chunk was sent")

        // A second resume says the same and still sends nothing.
        let again = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(45)).next)
        #expect(again.failure == failure)
        #expect(dispatcher.sent.withLock { $0.isEmpty })

        // Only --resend-unknown sends it, and then the rest.
        let forced = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try SendJournal.resume(at: journal.path), resendUnknown: true,
            next: ListSource(Self.numbers(45)).next)
        #expect(forced.succeeded)
        #expect(dispatcher.sent.withLock { $0.count } == 3)
        #expect(forced.accepted == 45)
    }

    @Test func withDeduplicationAChunkLeftPendingIsResentUnderItsRequestID() async throws {
        let journal = try self.journal("ihuyi", chunkSize: 10)
        let pendingID = try killedAfterRecordingChunk2(journal)
        let dispatcher = AcceptingDispatcher(provider: "ihuyi", deduplicates: true)
        let resumed = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(45)).next)
        #expect(resumed.succeeded, "\(resumed.failure ?? "")")
        let sent = dispatcher.sent.withLock { $0 }
        #expect(sent.first?.requestID == pendingID)
        #expect(sent.first?.attempt == 2, "a replay refusal of the recorded id must count as success")
        #expect(sent.count == 3)
    }

    @Test func pastTheDeduplicationWindowAPendingChunkIsUnknown() async throws {
        let journal = try self.journal("ihuyi", chunkSize: 10)
        let started = Date()
        _ = try killedAfterRecordingChunk2(journal, at: started)
        let dispatcher = AcceptingDispatcher(provider: "ihuyi", deduplicates: true)
        // Within 10 minutes of the end of ihuyi's 2 hours: too late to trust its memory.
        let later = started.addingTimeInterval(2 * 3600 - 5 * 60)
        let resumed = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait, now: { later }).run(
            journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(45)).next)
        #expect(!resumed.succeeded)
        let failure = try #require(resumed.failure)
        #expect(failure.contains("the outcome is unknown") && failure.contains("2 hours"), "\(failure)")
        #expect(dispatcher.sent.withLock { $0.isEmpty })

        // Sent again on request, under a new request_id (the old one is forgotten by now anyway).
        let forced = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait, now: { later }).run(
            journal: try SendJournal.resume(at: journal.path), resendUnknown: true,
            next: ListSource(Self.numbers(45)).next)
        #expect(forced.succeeded)
        #expect(dispatcher.sent.withLock { $0.first?.requestID } == journal.requestID(chunk: 2, generation: 1))
    }

    /// The window runs from the first request under an id, not from the last record of it: a chunk retried and
    /// then recorded pending keeps `since` of its first attempt.
    @Test func theWindowRunsFromTheFirstRequestUnderTheID() async throws {
        let journal = try self.journal("ihuyi", chunkSize: 10)
        // Whole seconds: the journal keeps ISO 8601 times.
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let failing = ScriptedDispatcher(deduplicates: true, failures: 4)
        let clock = Mutex(started)
        let first = try await CampaignRunner(
            dispatcher: failing, sleep: { _ in clock.withLock { $0 += 3600 } }, now: { clock.withLock { $0 } }
        ).run(journal: journal, next: ListSource(Self.numbers(5)).next)
        #expect(!first.succeeded)
        let chunk = try #require(try SendJournal.resume(at: journal.path).chunks[0])
        #expect(chunk.state == .pending)
        #expect(chunk.since == started)
        // Three hours of retries later, the first request is past ihuyi's memory: unknown, not resent.
        let resumed = try await CampaignRunner(dispatcher: failing, sleep: Self.noWait, now: { clock.withLock { $0 } })
            .run(journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(5)).next)
        #expect(resumed.failure?.contains("the outcome is unknown") == true, "\(resumed.failure ?? "")")
        #expect(failing.calls.withLock { $0 } == 4)
    }

    /// Fails `failures` times with an uncertain error, then accepts.
    final class ScriptedDispatcher: BatchDispatcher {
        let deduplicatesRequests: Bool
        let failures: Int
        let calls = Mutex(0)
        var provider: ProviderID { deduplicatesRequests ? .ihuyi : .jpush }
        var maximumChunkSize: Int { 10 }
        var deduplicationWindow: Duration { deduplicatesRequests ? .seconds(2 * 3600) : .zero }

        init(deduplicates: Bool, failures: Int) {
            deduplicatesRequests = deduplicates
            self.failures = failures
        }

        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            let call = calls.withLock { count -> Int in
                count += 1
                return count
            }
            if call <= failures { throw DispatchError(.uncertain, "the connection was reset before the answer") }
            return DispatchReceipt(taskID: "T", accepted: phones.count)
        }

        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }
    }

    @Test func aLostAnswerWithoutDeduplicationSaysTheOutcomeIsUnknown() async throws {
        let dispatcher = ScriptedDispatcher(deduplicates: false, failures: 1)
        let summary = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try journal("jpush", chunkSize: 10), next: ListSource(Self.numbers(5)).next)
        let failure = try #require(summary.failure)
        #expect(failure.contains("chunk 1 (recipients 1–5): the outcome is unknown"), "\(failure)")
        #expect(failure.contains("reset before the answer") && failure.contains("--resend-unknown"), "\(failure)")
        #expect(dispatcher.calls.withLock { $0 } == 1)
    }

    @Test func everyStepReportsItsCheckpointInOrder() async throws {
        let steps = Mutex<[String]>([])
        let summary = try await CampaignRunner(
            dispatcher: AcceptingDispatcher(provider: "jpush", deduplicates: false), sleep: Self.noWait,
            checkpoint: { checkpoint in steps.withLock { $0.append(checkpoint.description) } }
        ).run(journal: try journal("jpush", chunkSize: 10), next: ListSource(Self.numbers(15)).next)
        #expect(summary.succeeded)
        #expect(
            steps.withLock { $0 } == [
                "pending:1", "answered:1", "acknowledged:1", "pending:2", "answered:2", "acknowledged:2",
            ])
    }

    // MARK: What an answer that cannot be read means

    @Test(arguments: [
        (200, RequestDelivery.uncertain), (201, .uncertain), (204, .uncertain), (302, .refused), (400, .refused),
        (403, .refused), (404, .refused), (429, .notSent), (500, .uncertain), (502, .uncertain), (503, .uncertain),
        (504, .uncertain), (599, .uncertain),
    ])
    func anUnreadableAnswerIsRefusedOnlyWhenItsStatusSaysSo(status: Int, delivery: RequestDelivery) {
        #expect(RequestDelivery(httpStatus: status) == delivery)
        let error = ProviderResponseError(
            provider: "ihuyi", endpoint: "batchSend",
            response: HTTPResponse(status: status, body: Data("<html>proxy</html>".utf8)), reason: "not JSON")
        #expect(IhuyiError.unreadableResponse(error).delivery == delivery)
        #expect(JPushError.unreadableResponse(error).delivery == delivery)
        #expect(SendPulseError.unreadableResponse(error).delivery == delivery)
        #expect(ItniotechError.unreadableResponse(error).delivery == delivery)
    }

    /// ihuyi answers 200 with an empty body, an HTML page or a cut body: the chunk may have been accepted, so it
    /// is sent again under the SAME request_id (ihuyi's de-duplication returns its first answer), never failed.
    @Test(arguments: ["", "<html><body>502 Bad Gateway</body></html>", "{\"code\":\"OK\",\"task_id\":"])
    func anUnreadable200FromIhuyiIsRetriedUnderTheSameRequestID(body: String) async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let transport = SpoilingTransport(spoil: 1, body: body)
        let journal = try self.journal("ihuyi", chunkSize: 100)
        let summary = try await CampaignRunner(
            dispatcher: CampaignRunnerTests.dispatcher(server, transport: transport, chunkSize: 100),
            sleep: Self.noWait
        ).run(journal: journal, next: ListSource(Self.numbers(150)).next)
        #expect(summary.succeeded, "\(summary.failure ?? "")")
        let requestIDs = server.withState { $0.bodies.map { $0["request_id"] as? String ?? "" } }
        #expect(requestIDs.count == 3)
        #expect(requestIDs[0] == requestIDs[1], "the spoilt answer's chunk was sent under a new request_id")
        #expect(server.withState { $0.deliveries.count == 150 && $0.deliveries.values.allSatisfy { $0 == 1 } })
    }

    /// With no retries left the chunk stays pending (not failed), and `--resume` sends it under its recorded id.
    @Test func anUnreadable200LeavesTheChunkPendingForAResumeUnderTheSameID() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let journal = try self.journal("ihuyi", chunkSize: 100)
        let first = try await CampaignRunner(
            dispatcher: CampaignRunnerTests.dispatcher(
                server, transport: SpoilingTransport(spoil: 1, body: "<html>"), chunkSize: 100),
            retry: RetryPolicy(maximumAttempts: 1), sleep: Self.noWait
        ).run(journal: journal, next: ListSource(Self.numbers(100)).next)
        #expect(!first.succeeded)
        let chunk = try #require(try SendJournal.resume(at: journal.path).chunks[0])
        #expect(chunk.state == .pending)
        let resumed = try await CampaignRunner(
            dispatcher: CampaignRunnerTests.dispatcher(server, chunkSize: 100), sleep: Self.noWait
        ).run(journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(100)).next)
        #expect(resumed.succeeded, "\(resumed.failure ?? "")")
        #expect(server.withState { $0.bodies.allSatisfy { $0["request_id"] as? String == chunk.requestID } })
        #expect(server.withState { $0.deliveries.values.allSatisfy { $0 == 1 } })
    }

    /// Forwards every request to the server, and replaces the answer of the first `spoil` with a 200 whose body is
    /// `body`, as a proxy or a cut connection would.
    final class SpoilingTransport: HTTPTransport {
        let inner = HTTPClientTransport(timeout: 5)
        let spoil: Int
        let body: String
        let count = Mutex(0)
        init(spoil: Int, body: String) {
            self.spoil = spoil
            self.body = body
        }
        func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
            let response = try await inner.send(request)
            let number = count.withLock { value -> Int in
                value += 1
                return value
            }
            guard number <= spoil else { return response }
            return HTTPResponse(status: 200, headers: ["Content-Type": "text/html"], body: Data(body.utf8))
        }
    }
}

/// The campaign runner alone retries a campaign's chunks: a SendPulse chunk throttled every time makes as many
/// requests as the runner's attempts, and its message counts them truly (it once said 4 attempts for 16).
@Suite struct CampaignRetryOwnershipTests {
    @Test func aThrottledSendPulseChunkMakesOneRequestPerAttempt() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let directory = try TemporaryDirectory("mmskit-throttled")
        defer { directory.remove() }
        server.withState { $0.throttleNext = 100 }
        let client = SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret(server.clientSecret), rateLimit: 1000, sleep: { _ in })
        let journal = try SendJournal.create(
            at: directory.appending("journal.jsonl"),
            header: .init(
                provider: "sendpulse", phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def",
                chunkSize: 10))
        let summary = try await CampaignRunner(
            dispatcher: SendPulseDispatcher(client: client, sender: "Shop", text: "hi", chunkSize: 10),
            sleep: { _ in }
        ).run(journal: journal, next: UnansweredChunkTests.ListSource(UnansweredChunkTests.numbers(5)).next)
        let attempts = RetryPolicy().maximumAttempts
        #expect(summary.failure?.contains("failed after \(attempts) attempts") == true, "\(summary.failure ?? "")")
        #expect(server.withState { $0.smsAttempts.count } == attempts)
        #expect(try SendJournal.resume(at: journal.path).chunks[0]?.state == .failed)
    }
}

/// Any number SendPulse gives as a campaign id prints: a whole one as digits, any other as it is (1e19 once trapped).
@Suite struct SendPulseTaskIDTests {
    @Test(arguments: [
        (42.0, "42"), (-3.0, "-3"), (1.5, "1.5"), (1e19, "1e+19"), (-1e19, "-1e+19"), (1e300, "1e+300"),
    ])
    func anyNumberPrints(number: Double, text: String) {
        #expect(SendPulseDispatcher.taskID(.object([SendPulseJSON.Member(key: "id", value: .number(number))])) == text)
    }
}
