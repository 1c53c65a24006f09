import Foundation
import MMSKit
import MMSKitProviders
import MMSKitReports
import MMSKitTestSupport
import Testing

/// `mmskit report` after real campaigns through the sandbox with the built binaries: its numbers equal the
/// sandbox's own counts (`/_sandbox/state`) exactly, campaign by campaign, and the opt-out journey shows in it
/// (…0005 replies T to the first campaign, the second leaves it out). The JSMS side of the journey is at the end of
/// `OptOutJourneyTests`, which reuses `expectFigures`.
@Suite(.serialized) struct ReportJourneyTests {
    /// ihuyi: receipts are matched by task id; …0001 and …0002 fail with carrier codes, …0005 replies T.
    @Test func ihuyiCampaignsReportTheSandboxsCounts() async throws {
        let work = try TemporaryDirectory("report-journey")
        defer { work.remove() }
        let environment = SandboxEndToEndTests.ihuyiEnvironment
        let database = work.appending("receipts.sqlite")
        let receiver = try ServerProcess(["receipts", "serve", "--port", "0", "--db", database], directory: work.path)
        let sandbox = try SandboxEndToEndTests.journeySandbox(pushingTo: receiver, in: work)
        defer {
            sandbox.stop()
            receiver.stop()
        }
        let base = ["--provider", "ihuyi", "--base-url", sandbox.url.absoluteString]
        let templateID = try await SandboxEndToEndTests.approvedTemplate(
            [PackagePaths.sample("promo")] + base, idField: "template_id", environment: environment,
            database: database, what: "the review push", servers: [sandbox, receiver])
        // 20 ordinary numbers, a duplicate, an invalid line and the sandbox's scripted 19900000001…05, in chunks of 10.
        try
            ((0..<20).map { String(format: "139%08d\n", $0) }.joined() + "13900000003\n12345\n"
            + (1...5).map { "1990000000\($0)\n" }.joined())
            .write(toFile: work.appending("phones.txt"), atomically: true, encoding: .utf8)
        let send = [
            "send", "--phones", "phones.txt", "--product-id", "1001", "--template-id", String(templateID),
            "--chunk-size", "10", "--db", database,
        ]
        let first = try await CLIRunner.runDetached(
            send + base + ["--journal", "first.jsonl"], environment: environment, directory: work.path)
        #expect(first.status == 0, "\(first.stderr)")
        try await SandboxEndToEndTests.waitFor("19900000005's T in the suppression list", servers: [sandbox, receiver])
        {
            try await CLIRunner.runDetached(["optout", "list", "--db", database]).stdoutText.contains("19900000005")
        }
        let firstTasks = Self.tasks(try await SandboxEndToEndTests.settle(sandbox.url), provider: "ihuyi")
        let second = try await CLIRunner.runDetached(
            send + base + ["--journal", "second.jsonl"], environment: environment, directory: work.path)
        #expect(second.status == 0, "\(second.stderr)")
        let allTasks = Self.tasks(try await SandboxEndToEndTests.settle(sandbox.url), provider: "ihuyi")
        let secondTasks = allTasks.filter { firstTasks[$0.key] == nil }
        #expect(firstTasks.count == 3 && secondTasks.count == 3, "\(allTasks.keys.sorted())")

        let report = try await Self.expectFigures(
            journals: ["first.jsonl", "second.jsonl"], database: database, directory: work.path,
            tasks: [firstTasks, secondTasks], valid: 25)
        for (campaign, tasks) in zip(report.campaigns, [firstTasks, secondTasks]) {
            #expect(Set(campaign.chunks.compactMap(\.taskID)) == Set(tasks.keys))
            for chunk in campaign.chunks {
                let task = try #require(tasks[chunk.taskID ?? ""])
                #expect(chunk.sent == task["recipients"] as? Int && chunk.delivered == task["delivered"] as? Int)
                #expect(chunk.failed == (task["failed"] as? [String: Int] ?? [:]).values.reduce(0, +))
            }
            #expect(campaign.figures.funnel.read == 27)
            #expect(campaign.figures.funnel.invalid == 1 && campaign.figures.funnel.duplicates == 1)
        }
        let meanings = Dictionary(
            report.total.failures.map { ($0.code, $0.meaning ?? "") }, uniquingKeysWith: { first, _ in first })
        #expect(meanings["MK:0001"]?.contains("空号") == true, "\(meanings)")

        let failures = try await CLIRunner.runDetached(
            ["report", "first.jsonl", "second.jsonl", "--db", database, "--failures", "failed.csv"],
            directory: work.path)
        #expect(failures.status == 0, "\(failures.stderr)")
        let rows = try String(contentsOfFile: work.appending("failed.csv"), encoding: .utf8)
            .split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == report.total.funnel.failed)
        #expect(
            rows.filter { $0[1] == "19900000001" }.map { "\($0[0]) \($0[2]) \($0[3])" } == [
                "first.jsonl receipt MK:0001", "second.jsonl receipt MK:0001",
            ])
    }

    /// The sandbox's tasks of `provider` (id → `recipients`, `delivered`, `failed` by code) in `state`.
    static func tasks(_ state: [String: Any], provider: String) -> [String: [String: Any]] {
        ((state["accounts"] as? [String: Any])?[provider] as? [String: Any])?["tasks"] as? [String: [String: Any]]
            ?? [:]
    }

    /// Runs `mmskit report JOURNALS --db DATABASE` as JSON and as text, and expects each campaign's figures to be
    /// the sandbox's counts of its tasks exactly (`tasks`, one dictionary per journal, taken once the sandbox had no
    /// push outstanding), with the opt-out journey's: the first campaign's …0005 replied T and opted out, the
    /// second left it out; the total adds them up. Returns the report.
    static func expectFigures(
        journals: [String], database: String, directory: String, tasks: [[String: [String: Any]]], valid: Int
    ) async throws -> CampaignReport {
        let json = try await CLIRunner.runDetached(
            ["report"] + journals + ["--db", database, "--format", "json"], directory: directory)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try ReportCommandTests.decode(json.stdout)
        try #require(report.campaigns.count == tasks.count)
        var failedByCode: [String: Int] = [:]
        for (campaign, tasks) in zip(report.campaigns, tasks) {
            let funnel = campaign.figures.funnel
            let failed = tasks.values.reduce(into: [String: Int]()) {
                $0.merge($1["failed"] as? [String: Int] ?? [:], uniquingKeysWith: +)
            }
            failedByCode.merge(failed, uniquingKeysWith: +)
            #expect(
                funnel.sent == tasks.values.reduce(0) { $0 + ($1["recipients"] as? Int ?? 0) }, "\(campaign.journal)")
            #expect(funnel.delivered == tasks.values.reduce(0) { $0 + ($1["delivered"] as? Int ?? 0) })
            #expect(funnel.failed == failed.values.reduce(0, +))
            #expect(Self.receiptFailures(campaign.figures) == failed, "\(campaign.journal)")
            #expect(funnel.pending == 0 && funnel.unknown == 0 && funnel.notSent == 0 && funnel.rejected == 0)
            #expect(funnel.valid == valid)
            #expect(campaign.figures.deliveryTime.count == funnel.delivered)
        }
        let first = report.campaigns[0]
        #expect(first.figures.funnel.suppressed == 0)
        #expect(first.figures.funnel.replies == 1 && first.figures.funnel.optOuts == 1)
        #expect(
            first.replies == [
                ReplySample(phone: "19900000005", content: "T", time: first.replies.first?.time, optOut: true)
            ])
        for later in report.campaigns.dropFirst() {
            #expect(later.figures.funnel.suppressed == 1 && later.figures.funnel.sent == valid - 1)
            #expect(later.figures.funnel.replies == 0, "\(later.replies)")
            #expect(later.figures.funnel.optOuts == 0)
            #expect(later.chunks.map(\.suppressed).reduce(0, +) == 1)
        }
        let funnels = report.campaigns.map(\.figures.funnel)
        for stage in [\Funnel.valid, \.suppressed, \.sent, \.delivered, \.failed, \.pending, \.replies, \.optOuts] {
            #expect(report.total.funnel[keyPath: stage] == funnels.reduce(0) { $0 + $1[keyPath: stage] })
        }
        #expect(Self.receiptFailures(report.total) == failedByCode)
        #expect(report.total.deliveryTime.count == report.total.funnel.delivered)

        let text = try await CLIRunner.runDetached(["report"] + journals + ["--db", database], directory: directory)
        #expect(text.status == 0, "\(text.stderr)")
        let shown = (report.campaigns.map(\.figures) + (journals.count > 1 ? [report.total] : [])).map(\.funnel)
        for (stage, value) in [
            ("valid", \Funnel.valid), ("suppressed", \.suppressed), ("sent", \.sent), ("delivered", \.delivered),
            ("failed", \.failed), ("pending", \.pending), ("replies", \.replies), ("new opt-outs", \.optOuts),
        ] {
            #expect(Self.rows(stage, in: text.stdoutText) == shown.map { $0[keyPath: value] }, "\(stage)")
        }
        #expect(text.stdoutText.contains("19900000005  "), "the first campaign's reply is shown")
        return report
    }

    /// Receipt failures by code.
    static func receiptFailures(_ figures: ReportFigures) -> [String: Int] {
        figures.failures.filter { $0.stage == .receipt }.reduce(into: [:]) { $0[$1.code, default: 0] += $1.count }
    }

    /// The counts of a funnel stage in a text report, in order: each campaign's, then the total's.
    static func rows(_ stage: String, in text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: "  ", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count >= 2, columns[0] == stage || columns[0].hasPrefix("\(stage) (") else { return nil }
            return Int(columns[1].filter(\.isNumber))
        }
    }
}
