import Foundation
import MMSKit
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitProviders

/// Chunking, journaling, idempotent retries and resume, against a real HTTP server on 127.0.0.1.
@Suite struct CampaignRunnerTests {
    static func numbers(_ count: Int, from start: Int = 0) -> [PhoneNumber] {
        (start..<(start + count)).map { try! PhoneNumber(String(13_800_000_000 + $0)) }
    }

    /// Holds this test's journals; removed when the test ends.
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory("mmskit-journals")
    }

    func journal(_ provider: ProviderID = .ihuyi, chunkSize: Int) throws -> SendJournal {
        let path = directory.appending("journal-\(UUID().uuidString).jsonl")
        return try SendJournal.create(
            at: path,
            header: .init(
                provider: provider, phonesPath: "list.txt", phonesSHA256: "abc", messageSHA256: "def",
                chunkSize: chunkSize))
    }

    /// A `next` closure over a fixed list.
    final class ListSource: @unchecked Sendable {
        var remaining: [PhoneNumber]
        init(_ numbers: [PhoneNumber]) { remaining = numbers }
        func next(_ count: Int) -> [PhoneNumber] {
            let chunk = Array(remaining.prefix(count))
            remaining.removeFirst(chunk.count)
            return chunk
        }
    }

    static func dispatcher(
        _ server: FakeIhuyiServer, transport: (any HTTPTransport)? = nil, chunkSize: Int = 10_000
    ) -> IhuyiDispatcher {
        let client = IhuyiClient(
            baseURL: server.baseURL, transport: transport ?? HTTPClientTransport(timeout: 5),
            credentials: IhuyiCredentials(apiID: server.apiID, apiKey: Secret(server.apiKey)))
        return IhuyiDispatcher(
            client: client, batch: IhuyiBatch(productID: 1018, message: .template(id: 42)), chunkSize: chunkSize)
    }

    static let noWait: @Sendable (Duration) async -> Void = { _ in }

    @Test func chunksAtTenThousandAndJournalsEveryChunk() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let journal = try self.journal(chunkSize: 10_000)
        let source = ListSource(Self.numbers(25_000))
        let summary = try await CampaignRunner(dispatcher: Self.dispatcher(server), sleep: Self.noWait).run(
            journal: journal, next: source.next)
        #expect(summary.succeeded)
        #expect(summary.chunks == 3)
        #expect(summary.accepted == 25_000)
        #expect(summary.taskIDs.count == 3)
        let sizes = server.withState { $0.bodies.map { ($0["phone"] as? [String])?.count ?? 0 } }
        #expect(sizes == [10_000, 10_000, 5_000])
        #expect(server.withState { $0.deliveries.values.allSatisfy { $0 == 1 } && $0.deliveries.count == 25_000 })
        let reopened = try SendJournal.resume(at: journal.path)
        #expect(reopened.chunks.values.map(\.state).allSatisfy { $0 == .acknowledged })
        #expect(reopened.chunks[2]?.first == 20_000)
        #expect(reopened.chunks[2]?.count == 5_000)
    }

    @Test func aLostAnswerIsRetriedWithTheSameRequestIDAndDeliveredOnce() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        // The server accepts chunk 0, then drops the connection before answering.
        server.withState { $0.dropAfterAccepting = 1 }
        let journal = try self.journal(chunkSize: 100)
        let summary = try await CampaignRunner(dispatcher: Self.dispatcher(server, chunkSize: 100), sleep: Self.noWait)
            .run(journal: journal, next: ListSource(Self.numbers(150)).next)
        #expect(summary.succeeded, "\(summary.failure ?? "")")
        let requestIDs = server.withState { $0.bodies.map { $0["request_id"] as? String ?? "" } }
        // A failure is reported, not a crash of the whole test run on an index out of range.
        try #require(requestIDs.count == 3)
        #expect(requestIDs[0] == requestIDs[1], "the retry must reuse the request_id")
        #expect(requestIDs[2] != requestIDs[0])
        #expect(server.withState { $0.deliveries.count == 150 && $0.deliveries.values.allSatisfy { $0 == 1 } })
    }

    @Test func a502IsRetriedAndRefusalsAreNot() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        server.withState { $0.failBeforeAccepting = 2 }
        let summary = try await CampaignRunner(dispatcher: Self.dispatcher(server), sleep: Self.noWait)
            .run(journal: try self.journal(chunkSize: 10_000), next: ListSource(Self.numbers(10)).next)
        #expect(summary.succeeded)
        #expect(server.withState { $0.requestCount } == 3)

        // Wrong credentials: refused at once, no retries, the chunk recorded as failed.
        let client = IhuyiClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(timeout: 5),
            credentials: IhuyiCredentials(apiID: server.apiID, apiKey: Secret("wrong")))
        let journal = try self.journal(chunkSize: 10_000)
        let refused = try await CampaignRunner(
            dispatcher: IhuyiDispatcher(client: client, batch: IhuyiBatch(productID: 1, message: .template(id: 1))),
            sleep: Self.noWait
        )
        .run(journal: journal, next: ListSource(Self.numbers(10)).next)
        #expect(!refused.succeeded)
        #expect(refused.failure?.contains("code 405") == true)
        #expect(server.withState { $0.requestCount } == 4)
        #expect(try SendJournal.resume(at: journal.path).chunks[0]?.state == .failed)
    }

    @Test func aRedirectIsRefusedNotRetriedAndNotFollowed() async throws {
        let target = try FakeIhuyiServer()
        defer { target.stop() }
        let requests = Mutex(0)
        let location = target.baseURL.appendingPathComponent("mms/v1/batchSend").absoluteString
        let redirecting = try LocalHTTPServer { _ in
            requests.withLock { $0 += 1 }
            return LocalHTTPServer.Response(status: 302, headers: ["Location": location])
        }
        defer { redirecting.stop() }
        let client = IhuyiClient(
            baseURL: redirecting.baseURL, transport: HTTPClientTransport(timeout: 5),
            credentials: IhuyiCredentials(apiID: target.apiID, apiKey: Secret(target.apiKey)))
        let journal = try self.journal(chunkSize: 10)
        let summary = try await CampaignRunner(
            dispatcher: IhuyiDispatcher(client: client, batch: IhuyiBatch(productID: 1018, message: .template(id: 42))),
            sleep: Self.noWait
        )
        .run(journal: journal, next: ListSource(Self.numbers(5)).next)
        #expect(!summary.succeeded)
        #expect(summary.failure?.contains("check --base-url") == true, "\(summary.failure ?? "")")
        #expect(requests.withLock { $0 } == 1, "a redirect is not retried")
        #expect(target.withState { $0.requestCount } == 0, "the redirect was followed")
        #expect(try SendJournal.resume(at: journal.path).chunks[0]?.state == .failed)
    }

    @Test func a429IsRetriedWithTheSameRequestIDAfterItsRetryAfter() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        server.withState {
            $0.rateLimitBeforeAccepting = 2
            $0.retryAfter = "2"
        }
        let waits = Mutex<[Duration]>([])
        let client = IhuyiClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(timeout: 5),
            credentials: IhuyiCredentials(apiID: server.apiID, apiKey: Secret(server.apiKey)))
        let summary = try await CampaignRunner(
            dispatcher: IhuyiDispatcher(client: client, batch: IhuyiBatch(productID: 1018, message: .template(id: 42))),
            sleep: { wait in waits.withLock { $0.append(wait) } }
        )
        .run(journal: try self.journal(chunkSize: 10), next: ListSource(Self.numbers(5)).next)
        #expect(summary.succeeded, "\(summary.failure ?? "")")
        let requestIDs = server.withState { $0.bodies.map { $0["request_id"] as? String ?? "" } }
        #expect(requestIDs.count == 3 && Set(requestIDs).count == 1, "every attempt carries the same request_id")
        #expect(waits.withLock { $0 }.count == 2)
        #expect(
            waits.withLock { $0 }.allSatisfy { $0 >= .seconds(2) },
            "Retry-After was not honoured: \(waits.withLock { $0 })")
        #expect(server.withState { $0.deliveries.count == 5 && $0.deliveries.values.allSatisfy { $0 == 1 } })

        // A Retry-After beyond the policy's longest wait stops the run instead; nothing was delivered.
        let stubborn = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(status: 429, headers: ["Retry-After": "3600"])
        }
        defer { stubborn.stop() }
        let journal = try self.journal(chunkSize: 10)
        let slowClient = IhuyiClient(
            baseURL: stubborn.baseURL, transport: HTTPClientTransport(timeout: 5),
            credentials: client.credentials)
        let stopped = try await CampaignRunner(
            dispatcher: IhuyiDispatcher(
                client: slowClient, batch: IhuyiBatch(productID: 1018, message: .template(id: 42))), sleep: Self.noWait
        )
        .run(journal: journal, next: ListSource(Self.numbers(5)).next)
        #expect(stopped.failure?.contains("retry after 3600 s") == true, "\(stopped.failure ?? "")")
        #expect(try SendJournal.resume(at: journal.path).chunks[0]?.state == .failed)
    }

    @Test func aJPushAnswerCoveringOnlySomeRecipientsIsNotAcknowledged() async throws {
        let numbers = Self.numbers(4)
        let answer =
            #"{"success_count":1,"failure_count":0,"recipients":[{"msg_id":"9","mobile":"\#(numbers[0].digits)"}]}"#
        let transport = RecordingTransport(responses: .text(200, answer))
        let client = JPushClient(
            baseURL: URL(string: "https://jsms.example.test")!, transport: transport,
            app: JPushCredentials(appKey: "a", masterSecret: Secret("s")), developer: nil)
        let journal = try self.journal("jpush", chunkSize: 2)
        let summary = try await CampaignRunner(
            dispatcher: JPushDispatcher(client: client, templateID: 1), sleep: Self.noWait
        )
        .run(journal: journal, next: ListSource(numbers).next)
        #expect(!summary.succeeded)
        #expect(summary.accepted == 1)
        #expect(summary.unaccounted == 1)
        #expect(summary.acknowledgedChunks == 0)
        #expect(
            summary.failure?.contains("delivery to the other 1 (\(numbers[1].digits)) is unknown") == true,
            "\(summary.failure ?? "")")
        #expect(transport.requests.count == 1, "the run stops at the chunk")
        let chunk = try #require(try SendJournal.resume(at: journal.path).chunks[0])
        #expect(chunk.state == .unknown)
        #expect(chunk.accepted == 1)
        let resumed = try await CampaignRunner(
            dispatcher: JPushDispatcher(client: client, templateID: 1), sleep: Self.noWait
        )
        .run(journal: try SendJournal.resume(at: journal.path), next: ListSource(numbers).next)
        #expect(resumed.failure?.contains("--resend-unknown") == true)
        #expect(transport.requests.count == 1)
    }

    /// A transport that forwards to the server and then loses the answer for one chosen request, as a process
    /// killed after sending would.
    final class LosingTransport: HTTPTransport {
        let inner = HTTPClientTransport(timeout: 5)
        let loseRequest: Int
        let count = Mutex(0)
        init(loseRequest: Int) { self.loseRequest = loseRequest }
        func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
            let response = try await inner.send(request)
            let number = count.withLock { value -> Int in
                value += 1
                return value
            }
            if number == loseRequest { throw TransportError(.connectionLost, "killed") }
            return response
        }
    }

    @Test func resumeAfterAnInterruptionSendsEveryChunkExactlyOnce() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let journal = try self.journal(chunkSize: 100)
        // First run: chunks 0 and 1 go through; chunk 2 reaches the server but the run dies before the answer.
        let first = try await CampaignRunner(
            dispatcher: Self.dispatcher(server, transport: LosingTransport(loseRequest: 3), chunkSize: 100),
            retry: RetryPolicy(maximumAttempts: 1), sleep: Self.noWait
        )
        .run(journal: journal, next: ListSource(Self.numbers(450)).next)
        #expect(!first.succeeded)
        #expect(first.failedChunk == 2)
        let afterFirst = try SendJournal.resume(at: journal.path)
        #expect(afterFirst.chunks[2]?.state == .pending)
        let pendingID = try #require(afterFirst.chunks[2]?.requestID)

        // Resume: 0 and 1 are skipped, 2 is re-sent under its recorded request_id, 3 and 4 are new.
        var events: [String] = []
        let second = try await CampaignRunner(dispatcher: Self.dispatcher(server, chunkSize: 100), sleep: Self.noWait)
            .run(journal: afterFirst, next: ListSource(Self.numbers(450)).next) { event in
                if case .skipped(let chunk, _, _) = event { events.append("skip \(chunk)") }
                if case .acknowledged(let chunk, _) = event { events.append("ack \(chunk)") }
            }
        #expect(second.succeeded)
        #expect(events == ["skip 0", "skip 1", "ack 2", "ack 3", "ack 4"])
        let requestIDs = server.withState { $0.bodies.map { $0["request_id"] as? String ?? "" } }
        #expect(requestIDs.filter { $0 == pendingID }.count == 2)
        #expect(server.withState { $0.deliveries.count == 450 && $0.deliveries.values.allSatisfy { $0 == 1 } })
        #expect(second.accepted == 450)
    }

    /// A dispatcher without request de-duplication (JPush-like) whose answer is lost.
    final class UncertainDispatcher: BatchDispatcher {
        var provider: ProviderID { .jpush }
        var maximumChunkSize: Int { 10 }
        var deduplicatesRequests: Bool { false }
        var deduplicationWindow: Duration { .zero }
        let calls = Mutex(0)
        func dispatch(
            _ phones: [PhoneNumber], requestID: String, attempt: Int
        ) async throws(DispatchError) -> DispatchReceipt {
            calls.withLock { $0 += 1 }
            throw DispatchError(.uncertain, "timed out")
        }
        func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
            HTTPRequest(method: .post, url: URL(string: "http://127.0.0.1/\(requestID)")!)
        }
    }

    @Test func withoutDeduplicationAnUnansweredChunkIsNeverResentAutomatically() async throws {
        let dispatcher = UncertainDispatcher()
        let journal = try self.journal("jpush", chunkSize: 10)
        let summary = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: journal, next: ListSource(Self.numbers(15)).next)
        #expect(!summary.succeeded)
        #expect(dispatcher.calls.withLock { $0 } == 1, "no retry without de-duplication")
        #expect(try SendJournal.resume(at: journal.path).chunks[0]?.state == .unknown)
        let resumed = try await CampaignRunner(dispatcher: dispatcher, sleep: Self.noWait).run(
            journal: try SendJournal.resume(at: journal.path), next: ListSource(Self.numbers(15)).next)
        #expect(resumed.failure?.contains("--resend-unknown") == true)
        #expect(dispatcher.calls.withLock { $0 } == 1)
    }

    @Test func retriesBackOffExponentiallyWithinBounds() {
        var generator = SystemRandomNumberGenerator()
        let policy = RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(500), maximumDelay: .seconds(4))
        for retry in 1...6 {
            let ceiling = min(Duration.seconds(4), .milliseconds(500) * (1 << (retry - 1)))
            for _ in 0..<50 {
                let delay = policy.delay(beforeRetry: retry, using: &generator)
                #expect(delay >= .zero && delay <= ceiling)
            }
        }
    }

    @Test func journalSurvivesATornLastLineAndRejectsAChangedList() async throws {
        let journal = try self.journal(chunkSize: 5)
        try journal.record(
            .init(index: 0, state: .acknowledged, requestID: "r0", first: 0, count: 5, taskID: "T0", at: Date()))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: journal.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"type":"chunk","chunk":{"ind"#.utf8))
        try handle.close()
        let resumed = try SendJournal.resume(at: journal.path)
        #expect(resumed.chunks[0]?.taskID == "T0")
        // The list now yields a different first chunk size: the runner refuses.
        await #expect(throws: SendJournalError.self) {
            _ = try await CampaignRunner(dispatcher: UncertainDispatcher(), sleep: Self.noWait).run(
                journal: resumed, next: ListSource(Self.numbers(3)).next)
        }
        #expect(throws: SendJournalError.self) { try SendJournal.create(at: journal.path, header: resumed.header) }
    }
}
