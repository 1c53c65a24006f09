import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opt-outs end to end with the built binaries: a campaign goes out, the sandbox's …0005 number replies T, the
/// receiver adds it to the suppression list with the reply, and the next campaign (send --db) leaves it out; a
/// dry run counts it; --ignore-optouts sends to it; `mmskit report` of the two campaigns shows it, with each campaign's
/// figures equal to the sandbox's counts of its messages (JSMS receipts are matched by number).
@Suite(.serialized) struct OptOutJourneyTests {
    @Test func aNumberThatRepliedTGetsNoSecondCampaign() async throws {
        let work = try TemporaryDirectory("optout-journey")
        defer { work.remove() }
        let environment = SandboxEndToEndTests.jpushEnvironment
        let database = work.appending("receipts.sqlite")
        var receiver = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database], environment: environment, directory: work.path)
        let receiverPort = try #require(receiver.url.port)
        let sandbox = try SandboxEndToEndTests.journeySandbox(pushingTo: receiver, in: work)
        defer {
            sandbox.stop()
            receiver.stop()
        }
        let base = ["--provider", "jpush", "--base-url", sandbox.url.absoluteString]
        let templateID = try await SandboxEndToEndTests.approvedTemplate(
            ["--text", "新品 {{name}} 上市，回T退订", "--type", "marketing"] + base, idField: "temp_id",
            environment: environment, database: database, what: "the template's approval",
            servers: [sandbox, receiver])
        // Ten ordinary numbers and the sandbox's 19900000005, which replies T after its report.
        let phones = work.appending("phones.txt")
        try ((0..<10).map { String(format: "139%08d\n", $0) }.joined() + "19900000005\n").write(
            toFile: phones, atomically: true, encoding: .utf8)
        let send = ["send", "--phones", phones, "--template-id", String(templateID), "--param", "name=新品"] + base
        let first = try await CLIRunner.runDetached(
            send + ["--db", database, "--journal", work.appending("first.jsonl"), "--json"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.json(first.stdout)["suppressed"] as? Int == 0)

        try await SandboxEndToEndTests.waitFor("19900000005's T in the suppression list", servers: [sandbox, receiver])
        {
            try await CLIRunner.runDetached(["optout", "list", "--db", database]).stdoutText.contains("19900000005")
        }
        let listed = try await CLIRunner.runDetached(["optout", "list", "--db", database, "--json"])
        let entry = try #require((try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])?.first)
        #expect(entry["phone"] as? String == "19900000005")
        #expect(entry["source"] as? String == "reply" && entry["provider"] as? String == "jpush")
        #expect(entry["keyword"] as? String == "T")

        let dryRun = try await CLIRunner.runDetached(send + ["--db", database, "--dry-run"], environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("# chunk 1: 10 numbers, 1 suppressed (opted out)"), "\(dryRun.stdoutText)")
        #expect(!dryRun.stdoutText.contains("19900000005"))
        #expect(dryRun.stderr.contains("suppressed: 1 number on the opt-out list, left out"), "\(dryRun.stderr)")

        let firstTasks = ReportJourneyTests.tasks(try await SandboxEndToEndTests.settle(sandbox.url), provider: "jpush")
        // The second campaign's receipts find no receiver until it is reported on: none of them is in the store.
        #expect(receiver.stop(SIGTERM) == 0)
        let second = try await CLIRunner.runDetached(
            send + ["--db", database, "--journal", work.appending("second.jsonl"), "--json"], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        let summary = try #require(try Self.json(second.stdout)["summary"] as? [String: Any])
        #expect(summary["suppressed"] as? Int == 1 && summary["accepted"] as? Int == 10)
        let allTasks = ReportJourneyTests.tasks(try await SandboxEndToEndTests.state(sandbox.url), provider: "jpush")
        let secondTasks = allTasks.filter { firstTasks[$0.key] == nil }
        #expect(secondTasks.values.reduce(0) { $0 + ($1["recipients"] as? Int ?? 0) } == 10)
        let early = try await CLIRunner.runDetached(
            ["report", "second.jsonl", "--db", database, "--format", "json"], directory: work.path)
        #expect(early.status == 0, "\(early.stderr)")
        let unreported = try #require(try ReportCommandTests.decode(early.stdout).campaigns.first?.figures.funnel)
        // The first campaign's reports to the same numbers are not the second's: its journal names each msg_id.
        #expect(unreported.pending == 10 && unreported.delivered == 0 && unreported.failed == 0, "\(unreported)")
        receiver = try ServerProcess(
            ["receipts", "serve", "--port", String(receiverPort), "--db", database], environment: environment,
            directory: work.path)
        let journal = try String(contentsOfFile: work.appending("second.jsonl"), encoding: .utf8)
        #expect(journal.contains(#""suppressed":["19900000005"]"#))

        let refused = try await CLIRunner.runDetached(
            send + ["--db", database, "--ignore-optouts", "--dry-run"], environment: environment)
        #expect(refused.status == 64, "\(refused.stderr)")
        let ignoring = try await CLIRunner.runDetached(
            send + ["--ignore-optouts", "--dry-run"], environment: environment)
        #expect(ignoring.status == 0 && ignoring.stdoutText.contains("19900000005"))
        #expect(!ignoring.stderr.contains("no opt-out list"))
        let unlisted = try await CLIRunner.runDetached(send + ["--dry-run"], environment: environment)
        #expect(unlisted.stderr.contains("note: no opt-out list"), "\(unlisted.stderr)")

        _ = try await SandboxEndToEndTests.settle(sandbox.url)
        #expect(SandboxEndToEndTests.pushes(try await SandboxEndToEndTests.state(sandbox.url))["abandoned"] == 0)
        let report = try await ReportJourneyTests.expectFigures(
            journals: ["first.jsonl", "second.jsonl"], database: database, directory: work.path,
            tasks: [firstTasks, secondTasks], valid: 11)
        #expect(report.campaigns.allSatisfy { $0.provider == .jpush && $0.chunks.allSatisfy { $0.taskID == nil } })
    }

    /// The receiver's keywords come from --opt-out-keyword, else the configuration's opt_outs, else the defaults.
    @Test func theReceiverTakesItsKeywordsFromFlagsOrConfiguration() async throws {
        let work = try TemporaryDirectory("optout-keywords")
        defer { work.remove() }
        try "opt_outs:\n  keywords: [停止]\n".write(
            toFile: work.appending(".mmskit.yml"), atomically: true, encoding: .utf8)
        for (flags, database, optedOut) in [
            ([String](), "configured.sqlite", ["13800000002"]),
            (["--opt-out-keyword", "不要", "--opt-out-keyword", "T"], "flagged.sqlite", ["13800000001", "13800000003"]),
        ] {
            let receiver = try ServerProcess(
                ["receipts", "serve", "--port", "0", "--db", database] + flags, directory: work.path)
            for (phone, content) in [("13800000001", "T"), ("13800000002", "停止"), ("13800000003", "不要！")] {
                let body = #"{"phone":"\#(phone)","content":"\#(content)","receive_time":"2025-05-01 11:00:00"}"#
                let answer = try await HTTPClientTransport().send(
                    HTTPRequest(
                        method: .post, url: receiver.url.appendingPathComponent("ihuyi/uplinks"),
                        headers: ["Content-Type": "application/json"], body: Data(body.utf8)))
                #expect(String(decoding: answer.body, as: UTF8.self) == "success")
            }
            #expect(receiver.stop(SIGTERM) == 0)
            let listed = try CLIRunner.run(["optout", "list", "--db", database, "--json"], directory: work.path)
            let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
            #expect(rows.map { $0["phone"] as? String ?? "" } == optedOut, "\(flags)")
        }
        let refused = try CLIRunner.run(
            ["receipts", "serve", "--port", "0", "--opt-out-keyword", "T", "--opt-in-keyword", "ｔ"],
            directory: work.path)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("'T' is both an opt-out and an opt-in keyword"), "\(refused.stderr)")
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
