import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The whole journey on one machine with the built binaries: build → template create → the review push reaches
/// `mmskit receipts serve` → send → every receipt stored exactly once, also when the sandbox cuts the connection
/// after committing a chunk and when the receiver is SIGKILLed, so that receipts are pushed while it is down, and
/// started again (the receiver's own SIGKILL-under-load durability is `DurabilityTests`).
@Suite(.serialized) struct SandboxEndToEndTests {
    static let ihuyiEnvironment = ["MMSKIT_IHUYI_API_ID": "sandbox", "MMSKIT_IHUYI_API_KEY": "sandbox-api-key"]
    static let jpushEnvironment = [
        "MMSKIT_JPUSH_APP_KEY": "sandbox-app-key", "MMSKIT_JPUSH_MASTER_SECRET": "sandbox-master-secret",
    ]

    /// `/_sandbox/state` of the sandbox at `url`.
    static func state(_ url: URL) async throws -> [String: Any] {
        let response = try await HTTPClientTransport().send(
            HTTPRequest(method: .get, url: url.appendingPathComponent("_sandbox/state")))
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    static func pushes(_ state: [String: Any]) -> [String: Int] { state["pushes"] as? [String: Int] ?? [:] }

    /// Waits until the sandbox has no push outstanding.
    static func settle(_ url: URL, seconds: Double = 120) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let state = try await state(url)
            if state["outstanding"] as? Int == 0 { return state }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ServerProcessError("the sandbox still had pushes outstanding after \(seconds) s")
    }

    /// Waits until `condition` holds; on a timeout the error carries what the servers logged.
    static func waitFor(
        _ what: String, seconds: Double = 90, servers: [ServerProcess] = [], _ condition: () async throws -> Bool
    ) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let logs = servers.map { String($0.standardError.suffix(3000)) }.joined(separator: "\n---\n")
        throw ServerProcessError("timed out waiting for \(what); the servers said:\n\(logs)")
    }

    /// The sandbox as the campaign journeys run it: every push to `receiver`, 60 times faster than the providers,
    /// a template reviewed 30 s (of its time) after it was submitted, receipts at once.
    static func journeySandbox(pushingTo receiver: ServerProcess, in work: TemporaryDirectory) throws -> ServerProcess {
        try ServerProcess(
            [
                "sandbox", "--callback-url", receiver.url.absoluteString, "--speed", "60", "--review-delay", "30",
                "--receipt-delay", "0",
            ], directory: work.path)
    }

    /// Submits a template with `mmskit template create ARGUMENTS --json` and waits for `what` — the review pushed
    /// to the receiver — until `template status` reads it approved from `database`; the template's id, read from
    /// `idField` of the answer (ihuyi's `template_id`, JSMS's `temp_id`).
    static func approvedTemplate(
        _ arguments: [String], idField: String, environment: [String: String], database: String, what: String,
        servers: [ServerProcess]
    ) async throws -> Int {
        let created = try await CLIRunner.runDetached(
            ["template", "create"] + arguments + ["--json"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let templateID = try #require(
            (try JSONSerialization.jsonObject(with: created.stdout) as? [String: Any])?[idField] as? Int)
        try await waitFor(what, servers: servers) {
            try await CLIRunner.runDetached(["template", "status", String(templateID), "--db", database]).stdoutText
                .contains("approved")
        }
        return templateID
    }

    static func phoneList(_ count: Int, in directory: TemporaryDirectory) throws -> String {
        let path = directory.url.appendingPathComponent("phones.txt").path
        try (0..<count).map { String(format: "139%08d\n", $0) }.joined().write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func ihuyiCampaignWithACutConnectionAndAKilledReceiver() async throws {
        let work = try TemporaryDirectory("sandbox-e2e")
        defer { work.remove() }
        let database = work.url.appendingPathComponent("receipts.sqlite").path
        var receiver = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], directory: work.path)
        let receiverPort = receiver.url.port!
        // speed 4: the providers' retry waits of 60 s and 120 s become 15 s and 30 s, room enough for the receiver
        // to come back on a loaded machine (a whole test suite running beside it).
        let sandbox = try ServerProcess(
            [
                "sandbox", "--callback-url", receiver.url.absoluteString, "--speed", "4", "--review-delay", "10",
                "--receipt-delay", "0", "--push-batch", "20", "--fail-rate", "0.01", "--seed", "42",
                "--fault", "ihuyi:/mms/v1/batchSend:reset:1:1",
            ], directory: work.path)
        defer {
            sandbox.stop()
            receiver.stop()
        }
        let base = ["--provider", "ihuyi", "--base-url", sandbox.url.absoluteString]

        let built = try await CLIRunner.runDetached(
            [
                "build", PackagePaths.sample("promo"), "--as", "template", "-o",
                work.url.appendingPathComponent("t.json").path,
            ])
        #expect(built.status == 0, "\(built.stderr)")
        let templateID = try await Self.approvedTemplate(
            [PackagePaths.sample("promo")] + base, idField: "template_id", environment: Self.ihuyiEnvironment,
            database: database, what: "the review push", servers: [sandbox, receiver])

        let phones = try Self.phoneList(25_000, in: work)
        let journal = work.url.appendingPathComponent("send.jsonl").path
        // The receiver dies without warning before the receipts come; the sandbox's pushes fail until it is back.
        #expect(receiver.stop(SIGKILL) == SIGKILL)
        let send = Task.detached {
            try await CLIRunner.runDetached(
                [
                    "send", "--phones", phones, "--product-id", "1001", "--template-id", String(templateID),
                    "--journal", journal,
                ]
                    + base, environment: Self.ihuyiEnvironment, timeLimit: 300)
        }
        try await Self.waitFor("pushes failing against the dead receiver", seconds: 120) {
            let state = try await Self.state(sandbox.url)
            let attempts = state["attempts"] as? [[String: Any]] ?? []
            return attempts.contains { $0["accepted"] as? Bool == false }
        }
        receiver = try ServerProcess(
            ["receipts", "serve", "--port", String(receiverPort), "--db", database], directory: work.path)
        let sent = try await send.value
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdoutText.contains("3 of 3 chunks acknowledged"), "\(sent.stdoutText)")

        let state = try await Self.settle(sandbox.url)
        #expect(Self.pushes(state)["abandoned"] == 0)
        #expect(Self.pushes(state)["retries", default: 0] > 0, "the killed receiver made no push retry")
        let tasks =
            (state["accounts"] as? [String: Any]).flatMap { $0["ihuyi"] as? [String: Any] }
            .flatMap { $0["tasks"] as? [String: [String: Any]] } ?? [:]
        #expect(tasks.count == 3, "the cut connection's chunk was sent twice: \(tasks.keys.sorted())")
        #expect(tasks.values.reduce(0) { $0 + ($1["recipients"] as? Int ?? 0) } == 25_000)

        let stats = try await CLIRunner.runDetached(["receipts", "stats", "--db", database, "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        let counted = try #require(
            (try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])?["tasks"] as? [[String: Any]])
        #expect(counted.count == 3)
        for task in counted {
            let id = try #require(task["task_id"] as? String)
            let expected = try #require(tasks[id])
            #expect(task["receipts"] as? Int == expected["recipients"] as? Int)
            #expect(task["delivered"] as? Int == expected["delivered"] as? Int)
            #expect(task["failed"] as? [String: Int] == expected["failed"] as? [String: Int])
        }
        #expect(counted.reduce(0) { $0 + ($1["receipts"] as? Int ?? 0) } == 25_000)
        let failures = tasks.values.reduce(0) { $0 + (($1["failed"] as? [String: Int])?.values.reduce(0, +) ?? 0) }
        #expect((100...400).contains(failures), "--fail-rate 0.01 of 25,000 gave \(failures)")
    }

    @Test func jsmsCampaignWithCallbacks() async throws {
        let work = try TemporaryDirectory("sandbox-e2e-jsms")
        defer { work.remove() }
        let database = work.url.appendingPathComponent("receipts.sqlite").path
        let receiver = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], environment: Self.jpushEnvironment,
            directory: work.path)
        let sandbox = try Self.journeySandbox(pushingTo: receiver, in: work)
        defer {
            sandbox.stop()
            receiver.stop()
        }
        let base = ["--provider", "jpush", "--base-url", sandbox.url.absoluteString]
        let templateID = try await Self.approvedTemplate(
            ["--text", "新品 {{name}} 上市，回T退订", "--type", "marketing"] + base, idField: "temp_id",
            environment: Self.jpushEnvironment, database: database, what: "the SMS_TEMPLATE callback",
            servers: [sandbox, receiver])
        let phones = try Self.phoneList(2_500, in: work)
        let sent = try await CLIRunner.runDetached(
            ["send", "--phones", phones, "--template-id", String(templateID), "--param", "name=新品"] + base,
            environment: Self.jpushEnvironment, timeLimit: 300)
        #expect(sent.status == 0, "\(sent.stderr)")
        let state = try await Self.settle(sandbox.url)
        #expect(Self.pushes(state)["abandoned"] == 0)
        let stats = try await CLIRunner.runDetached(["receipts", "stats", "--db", database, "--json"])
        let counted = try #require(
            (try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])?["tasks"] as? [[String: Any]])
        #expect(counted.count == 2_500)
        #expect(counted.allSatisfy { $0["delivered"] as? Int == 1 })
    }

    @Test func itniotechRecordsAndASendPulseCampaign() async throws {
        let work = try TemporaryDirectory("sandbox-e2e-others")
        defer { work.remove() }
        let sandbox = try ServerProcess(["sandbox"], directory: work.path)
        defer { sandbox.stop() }
        let url = sandbox.url.absoluteString
        let environment = [
            "MMSKIT_ITNIOTECH_API_KEY": "sandbox-itn-key", "MMSKIT_ITNIOTECH_API_SECRET": "sandbox-itn-secret",
            "MMSKIT_SENDPULSE_CLIENT_ID": "sandbox-client", "MMSKIT_SENDPULSE_CLIENT_SECRET": "sandbox-client-secret",
            "MMSKIT_SENDPULSE_SENDER": "mmskit", "XDG_CACHE_HOME": work.url.appendingPathComponent("cache").path,
        ]
        let ids = (1...450).map { "sandbox-email-\($0)" }.joined(separator: ",")
        let records = try await CLIRunner.runDetached(
            [
                "records", "--provider", "itniotech", "--base-url", url, "--app-id", "sandbox-app", "--ids", ids,
                "--json",
            ],
            environment: environment)
        #expect(records.status == 0, "\(records.stderr)")
        let merged = try #require(try JSONSerialization.jsonObject(with: records.stdout) as? [String: Any])
        #expect((merged["records"] as? [Any])?.count == 450, "\(merged.keys)")

        let phones = work.url.appendingPathComponent("phones.txt").path
        try (0..<1_200).map { String(format: "139%08d\n", $0) }.joined().write(
            toFile: phones, atomically: true, encoding: .utf8)
        let sent = try await CLIRunner.runDetached(
            ["send", "--provider", "sendpulse", "--base-url", url, "--phones", phones, "--text", "新品上市，回T退订"],
            environment: environment, timeLimit: 120)
        #expect(sent.status == 0, "\(sent.stderr)")
        let state = try await Self.state(sandbox.url)
        let campaigns =
            (state["accounts"] as? [String: Any]).flatMap { $0["sendPulse"] as? [String: Any] }
            .flatMap { $0["campaigns"] as? [String: Int] } ?? [:]
        #expect(campaigns.values.reduce(0, +) == 1_200)
        for output in [records.stdoutText, records.stderr, sent.stdoutText, sent.stderr] {
            #expect(!output.contains("sandbox-itn-secret") && !output.contains("sandbox-client-secret"))
        }
    }
}
