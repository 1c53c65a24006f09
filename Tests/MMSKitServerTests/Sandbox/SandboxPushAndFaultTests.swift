import Foundation
import MMSKit
import MMSKitProviders
import MMSKitSandbox
import MMSKitTestSupport
import Testing

/// Pushes are retried like the providers do, faults strike as configured, and `--state` survives a restart.
@Suite struct SandboxPushAndFaultTests {
    /// Answers each push by the number of tries so far: `fail` for the first `failures`, then `success`.
    final class FlakyReceiver: @unchecked Sendable {
        let lock = NSLock()
        var tries: [Date] = []
        let failures: Int
        init(failures: Int) { self.failures = failures }
        func answer() -> LocalHTTPServer.Response {
            lock.lock()
            defer { lock.unlock() }
            tries.append(Date())
            return LocalHTTPServer.Response(
                status: 200, body: Data((tries.count <= failures ? "fail" : "success").utf8), contentType: "text/plain")
        }
        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return tries.count
        }
    }

    static func send(
        _ sandbox: RunningSandbox, phones: Int, requestID: String = UUID().uuidString
    ) async throws(IhuyiError) -> String {
        let batch = IhuyiBatch(
            productID: 1001, message: .content(Self.promo, title: "新品", signName: "【互亿无线】"))
        return try await sandbox.ihuyi.sendBatch(batch, to: RunningSandbox.phones(phones), requestID: requestID)
    }

    static let promo = try! RunningSandbox.promo()

    @Test func aPushIsTriedUntilSuccessWithWaitsGrowingBy60Seconds() async throws {
        let flaky = FlakyReceiver(failures: 2)
        let receiver = try LocalHTTPServer { _ in flaky.answer() }
        defer { receiver.stop() }
        // speed 100: the waits of 60 s and 120 s become 0.6 s and 1.2 s.
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: receiver.baseURL), speed: 100, receiptDelay: .zero))
        _ = try await Self.send(sandbox, phones: 1)
        try await sandbox.settle(seconds: 10)
        #expect(flaky.count == 3)
        let gaps = zip(flaky.tries.dropFirst(), flaky.tries).map { $0.timeIntervalSince($1) }
        #expect(gaps.count == 2)
        // Lower bounds are the schedule; a loaded machine may only add to them.
        #expect(gaps[0] >= 0.55 && gaps[0] < 10)
        #expect(gaps[1] >= 1.15 && gaps[1] < 10)
        let state = try await sandbox.state()
        let pushes = state["pushes"] as? [String: Int]
        #expect(pushes?["accepted"] == 1)
        #expect(pushes?["retries"] == 2)
        try await sandbox.stop()
    }

    @Test func aPushIsAbandonedAfterThreeTries() async throws {
        let flaky = FlakyReceiver(failures: 10)
        let receiver = try LocalHTTPServer { _ in flaky.answer() }
        defer { receiver.stop() }
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: receiver.baseURL), speed: 1000, receiptDelay: .zero))
        _ = try await Self.send(sandbox, phones: 1)
        try await sandbox.settle(seconds: 10)
        #expect(flaky.count == 3)
        let pushes = try await sandbox.state()["pushes"] as? [String: Int]
        #expect(pushes?["abandoned"] == 1)
        try await sandbox.stop()
    }

    @Test func aResetAfterTheCommitIsHealedByRetryingTheSameRequestID() async throws {
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(faults: [
                try FaultRule(provider: "ihuyi", route: "/mms/v1/batchSend", kind: .reset, times: 1)
            ]))
        do throws(IhuyiError) {
            _ = try await Self.send(sandbox, phones: 5, requestID: "same")
            Issue.record("the cut connection was not noticed")
        } catch {
            #expect(error.isRetryable)
        }
        // The sandbox carried it out: the same request_id now gets that task, and nothing is charged twice.
        let task = try await Self.send(sandbox, phones: 5, requestID: "same")
        let accounts = await sandbox.server.ledger
        #expect(accounts.ihuyi.tasks.keys.sorted() == [task])
        #expect(accounts.ihuyi.products.first { $0.id == 1001 }?.balance == 10_000_000 - 5)
        try await sandbox.stop()
    }

    @Test(arguments: [FaultRule.Kind.empty, .malformed, .truncated, .unavailable, .rateLimited])
    func everyAnswerFaultReachesTheClient(kind: FaultRule.Kind) async throws {
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(faults: [try FaultRule(provider: "ihuyi", kind: kind, times: 1)]))
        do {
            _ = try await sandbox.ihuyi.balance()
            Issue.record("\(kind) did not reach the client")
        } catch {
            switch kind {
            case .unavailable: #expect(error.isRetryable)
            case .rateLimited: #expect(error.isRateLimited)
            default: break
            }
        }
        #expect(try await sandbox.ihuyi.balance().count == 2)
        try await sandbox.stop()
    }

    @Test func aDelayFaultDelays() async throws {
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(faults: [try FaultRule(kind: .delay, delayMilliseconds: 300)]))
        let start = Date()
        _ = try await sandbox.ihuyi.balance()
        #expect(Date().timeIntervalSince(start) >= 0.3)
        try await sandbox.stop()
    }

    @Test func parsesFaultSpecifications() throws {
        let reset = try FaultRule(parsing: "ihuyi:/mms/v1/batchSend:reset:1:2")
        #expect(
            reset
                == (try FaultRule(
                    provider: "ihuyi", route: "/mms/v1/batchSend", kind: .reset, probability: 1, times: 2))
        )
        let delay = try FaultRule(parsing: "all:*:random-delay=250:0.5")
        #expect(delay.provider == nil && delay.route == nil && delay.kind == .delay && delay.random == true)
        #expect(delay.delayMilliseconds == 250)
        for bad in ["ihuyi:reset:1", "ihuyi:*:explode:1", "ihuyi:*:reset:2", "ihuyi:*:delay:1", "ihuyi:*:reset:1:0"] {
            #expect(throws: FaultRuleError.self) { try FaultRule(parsing: bad) }
        }
    }

    @Test func stateSurvivesARestart() async throws {
        let directory = try TemporaryDirectory("sandbox-state")
        defer { directory.remove() }
        let configuration = SandboxServer.Configuration(stateDirectory: directory.path, reviewDelay: .seconds(3600))
        var sandbox = try await RunningSandbox.start(configuration)
        let task = try await Self.send(sandbox, phones: 3, requestID: "kept")
        let template = try await sandbox.ihuyi.createTemplate(
            fields: TemplateFields(title: "t", signName: "【互亿无线】", purpose: "p"), content: try RunningSandbox.promo())
        try await sandbox.stop()
        sandbox = try await RunningSandbox.start(configuration)
        let accounts = await sandbox.server.ledger
        #expect(accounts.ihuyi.tasks[task]?.recipients == 3)
        #expect(accounts.ihuyi.templates[template]?.status == "pending")
        #expect(accounts.ihuyi.products.first { $0.id == 1001 }?.balance == 10_000_000 - 3)
        // The request_id is still remembered, and new ids do not repeat old ones.
        #expect(try await Self.send(sandbox, phones: 3, requestID: "kept") == task)
        let next = try await Self.send(sandbox, phones: 1)
        #expect(next != task && Int(next.dropFirst(3))! > Int(task.dropFirst(3))!)
        try await sandbox.stop()
    }
}
