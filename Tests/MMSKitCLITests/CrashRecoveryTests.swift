import Foundation
import MMSKit
import MMSKitProviders
import MMSKitTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A campaign is sent exactly once whatever fails and whenever the process dies: the built binary is killed
/// (SIGKILL, through `MMSKIT_FAILPOINT`) at every step between "recorded as about to send" and "recorded as
/// answered", for every provider that sends, against the sandbox, and resumed; an unreadable answer from ihuyi
/// and a request killed in flight are resumed too. The sandbox's own books say how often each number was charged.
@Suite(.serialized) struct CrashRecoveryTests {
    enum Sender: String, CaseIterable, CustomTestStringConvertible {
        case ihuyi, jpush, sendpulse
        var testDescription: String { rawValue }
        var deduplicates: Bool { self == .ihuyi }
    }

    static let environment = [
        "MMSKIT_IHUYI_API_ID": "sandbox", "MMSKIT_IHUYI_API_KEY": "sandbox-api-key",
        "MMSKIT_JPUSH_APP_KEY": "sandbox-app-key", "MMSKIT_JPUSH_MASTER_SECRET": "sandbox-master-secret",
        "MMSKIT_SENDPULSE_CLIENT_ID": "sandbox-client", "MMSKIT_SENDPULSE_CLIENT_SECRET": "sandbox-client-secret",
        "MMSKIT_SENDPULSE_SENDER": "mmskit",
    ]

    /// A sandbox, a phone list of `count` numbers and what `send` needs for `sender` (an approved JSMS template).
    struct Campaign {
        let work: TemporaryDirectory
        let sandbox: ServerProcess
        let sender: Sender
        let phones: String
        let journal: String
        var arguments: [String] = []
        var environment: [String: String]

        init(_ sender: Sender, numbers count: Int, chunkSize: Int, sandboxArguments: [String] = []) async throws {
            work = try TemporaryDirectory("crash-\(sender.rawValue)")
            sandbox = try ServerProcess(
                ["sandbox", "--speed", "60", "--review-delay", "0"] + sandboxArguments, directory: work.path)
            self.sender = sender
            phones = work.appending("phones.txt")
            journal = work.appending("send.jsonl")
            try (0..<count).map { String(format: "139%08d\n", $0) }.joined().write(
                toFile: phones, atomically: true, encoding: .utf8)
            environment = CrashRecoveryTests.environment
            environment["XDG_CACHE_HOME"] = work.appending("cache")
            let base = ["--provider", sender.rawValue, "--base-url", sandbox.url.absoluteString]
            arguments = ["send", "--phones", phones, "--chunk-size", String(chunkSize)] + base
            switch sender {
            case .ihuyi:
                arguments += ["--product-id", "1001", "--content", PackagePaths.sample("promo")]
            case .sendpulse:
                arguments += ["--text", "新品上市，回T退订"]
            case .jpush:
                do {
                    arguments += ["--template-id", String(try await Self.approvedTemplate(base, environment))]
                } catch {
                    sandbox.stop()
                    throw error
                }
            }
        }

        /// A JSMS template created in the sandbox, once it is approved.
        static func approvedTemplate(_ base: [String], _ environment: [String: String]) async throws -> Int {
            let created = try await CLIRunner.runDetached(
                ["template", "create", "--text", "新品上市，回T退订", "--type", "marketing", "--json"] + base,
                environment: environment)
            #expect(created.status == 0, "\(created.stderr)")
            let id = try #require(
                (try JSONSerialization.jsonObject(with: created.stdout) as? [String: Any])?["temp_id"] as? Int)
            try await CrashRecoveryTests.waitFor("the template's approval") {
                let shown = try await CLIRunner.runDetached(
                    ["template", "show", String(id), "--json"] + base, environment: environment)
                let object = try? JSONSerialization.jsonObject(with: shown.stdout) as? [String: Any]
                return object?["status"] as? Int == 1
            }
            return id
        }

        func stop() {
            sandbox.stop()
            work.remove()
        }

        /// Runs `send` (with `extra` arguments and environment).
        func send(_ extra: [String] = [], environment more: [String: String] = [:]) async throws -> CLIRunner.Result {
            try await CLIRunner.runDetached(
                arguments + extra, environment: environment.merging(more) { $1 }, directory: work.path,
                timeLimit: 300)
        }

        /// Messages the sandbox charged for: recipients of ihuyi tasks, JSMS messages, SendPulse numbers.
        func charged() async throws -> Int {
            let response = try await HTTPClientTransport().send(
                HTTPRequest(method: .get, url: sandbox.url.appendingPathComponent("_sandbox/state")))
            let state = try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
            let accounts = state["accounts"] as? [String: Any] ?? [:]
            switch sender {
            case .ihuyi:
                let tasks = (accounts["ihuyi"] as? [String: Any])?["tasks"] as? [String: [String: Any]] ?? [:]
                return tasks.values.reduce(0) { $0 + ($1["recipients"] as? Int ?? 0) }
            case .jpush:
                return ((accounts["jpush"] as? [String: Any])?["tasks"] as? [String: Any])?.count ?? 0
            case .sendpulse:
                let campaigns = (accounts["sendPulse"] as? [String: Any])?["campaigns"] as? [String: Int] ?? [:]
                return campaigns.values.reduce(0, +)
            }
        }
    }

    /// Waits until `condition` holds (a generous bound: a loaded machine only adds time).
    static func waitFor(_ what: String, seconds: Double = 60, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcessError("timed out waiting for \(what)")
    }

    static let steps = ["pending", "answered", "acknowledged"]

    /// 500 numbers in chunks of 100; the run is killed at `step` of chunk 2, then resumed.
    @Test(arguments: Sender.allCases, steps)
    func aKillAtEveryStepNeverSendsAChunkTwiceWithoutBeingAsked(sender: Sender, step: String) async throws {
        let campaign = try await Campaign(sender, numbers: 500, chunkSize: 100)
        defer { campaign.stop() }
        let killed = try await campaign.send(
            ["--journal", campaign.journal], environment: ["MMSKIT_FAILPOINT": "\(step):2"])
        #expect(Self.wasKilled(killed), "the failpoint did not kill the run: \(killed.status) \(killed.stderr)")
        // pending: chunk 2 never left. answered, acknowledged: it was carried out.
        let chargedByTheKilledRun = step == "pending" ? 100 : 200
        var charged = try await campaign.charged()
        #expect(charged == chargedByTheKilledRun)

        let resumed = try await campaign.send(["--resume", campaign.journal])
        if sender.deduplicates || step == "acknowledged" {
            // ihuyi recognises the recorded request_id (its first answer comes back); an acknowledged chunk is
            // skipped. Every number is charged once.
            #expect(resumed.status == 0, "\(resumed.stderr)")
            charged = try await campaign.charged()
            #expect(charged == 500)
            return
        }
        // JPush and SendPulse cannot tell a second request from a new one: the chunk is unknown, nothing is sent.
        #expect(resumed.status == 2, "\(resumed.stdoutText) \(resumed.stderr)")
        #expect(resumed.stderr.contains("chunk 2 (recipients 101–200): the outcome is unknown"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("--resend-unknown"))
        charged = try await campaign.charged()
        #expect(charged == chargedByTheKilledRun, "the resume sent a chunk that may have gone")
        let again = try await campaign.send(["--resume", campaign.journal])
        #expect(again.status == 2)
        charged = try await campaign.charged()
        #expect(charged == chargedByTheKilledRun)

        // Sent again only when asked: the rest of the list once, chunk 2 twice if the killed run had sent it.
        let forced = try await campaign.send(["--resume", campaign.journal, "--resend-unknown"])
        #expect(forced.status == 0, "\(forced.stderr)")
        charged = try await campaign.charged()
        #expect(charged == 500 + (chargedByTheKilledRun - 100))
    }

    /// ihuyi answers 200 with an unreadable body (an HTML page from a proxy, an empty or cut body) after carrying
    /// the request out, four times in a row: the chunk stays pending, and the resume sends it under its recorded
    /// request_id, so ihuyi's de-duplication charges every number once.
    @Test(arguments: ["malformed", "empty"])
    func anUnreadableIhuyiAnswerIsNeverChargedTwice(fault: String) async throws {
        let campaign = try await Campaign(
            .ihuyi, numbers: 1_000, chunkSize: 500,
            sandboxArguments: ["--fault", "ihuyi:/mms/v1/batchSend:\(fault):1:4"])
        defer { campaign.stop() }
        let first = try await campaign.send(["--journal", campaign.journal])
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stderr.contains("is unanswered after 4 attempts under request_id"), "\(first.stderr)")
        var charged = try await campaign.charged()
        #expect(charged == 500)
        let journal = try SendJournal.resume(at: campaign.journal)
        #expect(journal.chunks[0]?.state == .pending, "an unreadable 200 was taken as a refusal")

        let resumed = try await campaign.send(["--resume", campaign.journal])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        charged = try await campaign.charged()
        #expect(charged == 1_000, "1,000 numbers gave \(charged) charged messages")
        let requestIDs = Set(
            try SendJournal.resume(at: campaign.journal).chunks.values.filter { $0.index == 0 }.map(\.requestID))
        #expect(requestIDs == [journal.chunks[0]!.requestID])
    }

    /// A JSMS request that reached the provider and was never answered when the process was killed: the resume
    /// (against the sandbox, which never saw it) refuses to send it again without --resend-unknown.
    @Test func aRequestKilledInFlightIsUnknownOnResume() async throws {
        let arrived = Mutex(false)
        let release = DispatchSemaphore(value: 0)
        // A provider that reads the request and never answers, until the test is over.
        let silent = try LocalHTTPServer { request in
            if request.path.contains("messages/batch") {
                arrived.withLock { $0 = true }
                release.wait()
            }
            return .init(status: 200, body: Data("{}".utf8))
        }
        defer {
            release.signal()
            silent.stop()
        }
        let campaign = try await Campaign(.jpush, numbers: 300, chunkSize: 100)
        defer { campaign.stop() }
        var arguments = campaign.arguments
        arguments[arguments.firstIndex(of: "--base-url")! + 1] = silent.baseURL.absoluteString
        let journal = campaign.journal
        let environment = campaign.environment
        let directory = campaign.work.path
        let run = Task {
            try await CLIRunner.runDetached(
                arguments + ["--journal", journal, "--timeout", "600"], environment: environment,
                directory: directory, timeLimit: 300)
        }
        try await Self.waitFor("the request to arrive") { arrived.withLock { $0 } }
        #expect(Self.kill(processesNaming: journal) > 0)
        let killed = try await run.value
        #expect(Self.wasKilled(killed), "\(killed.status) \(killed.stderr)")
        #expect(try SendJournal.resume(at: journal).chunks[0]?.state == .pending)

        let resumed = try await campaign.send(["--resume", journal])
        #expect(resumed.status == 2, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("chunk 1 (recipients 1–100): the outcome is unknown"), "\(resumed.stderr)")
        var charged = try await campaign.charged()
        #expect(charged == 0)
        let forced = try await campaign.send(["--resume", journal, "--resend-unknown"])
        #expect(forced.status == 0, "\(forced.stderr)")
        charged = try await campaign.charged()
        #expect(charged == 300)
    }

    /// Whether the run died of SIGKILL (`timeout`, which runs it, passes the signal on or exits 128 + 9).
    static func wasKilled(_ result: CLIRunner.Result) -> Bool { [SIGKILL, 128 + SIGKILL].contains(result.status) }

    /// SIGKILLs every process whose command line names `argument`; returns how many.
    static func kill(processesNaming argument: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var killed = 0
        for entry in entries {
            guard let pid = Int32(entry), pid != getpid(),
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            // The send itself, not the `timeout` that runs it.
            guard words.contains(argument), !(words.first?.hasSuffix("timeout") ?? false) else { continue }
            if Glibc.kill(pid, SIGKILL) == 0 { killed += 1 }
        }
        return killed
    }
}
