import Foundation
import MMSKit
import MMSKitProviders
import MMSKitReports
import MMSKitTestSupport
import Testing

/// `mmskit report` with the built binaries, on journals written with the library: what it refuses and with which
/// exit status, what it writes to `-o` and `--failures`, and that its JSON is the report's model. The numbers
/// against a real campaign are `ReportJourneyTests`.
@Suite struct ReportCommandTests {
    /// A directory holding `phones.txt` (four numbers) and journals of campaigns sent to it.
    struct Campaigns {
        let directory: TemporaryDirectory
        var path: String { directory.path }

        init() throws {
            directory = try TemporaryDirectory("mmskit-report")
            try "13900000000\n13900000001\n13900000002\n13900000003\n".write(
                toFile: directory.appending("phones.txt"), atomically: true, encoding: .utf8)
        }

        /// Writes journal `name` of a campaign through `provider` to the list `phones.txt` (named `listName` in the
        /// journal), in one acknowledged chunk that the provider refused `rejections` of.
        @discardableResult
        func journal(
            _ name: String, provider: ProviderID = .ihuyi, listName: String = "phones.txt", taskID: String? = "mms1",
            rejections: [RejectedRecipient] = [], suppressed: [String] = [], created: Date = Date()
        ) throws -> String {
            let path = directory.appending(name)
            let header = SendJournal.Header(
                provider: provider, phonesPath: listName,
                phonesSHA256: try RecipientList.fingerprint(path: directory.appending("phones.txt")),
                messageSHA256: String(repeating: "0", count: 64), chunkSize: 1_000, created: created)
            let journal = try SendJournal.create(at: path, header: header)
            try journal.record(
                SendJournal.Chunk(
                    index: 0, state: .acknowledged, requestID: "request-1", first: 0, count: 4, taskID: taskID,
                    accepted: 4 - suppressed.count - rejections.count, rejected: rejections.count, at: created,
                    suppressed: suppressed.isEmpty ? nil : suppressed, rejections: rejections.isEmpty ? nil : rejections
                ))
            return path
        }

        /// Creates an empty store (SQLite) with `optout add`, as the receiver would.
        func store(_ name: String = "receipts.sqlite") throws -> String {
            let result = try CLIRunner.run(["optout", "add", "13800000000", "--db", name], directory: path)
            #expect(result.status == 0, "\(result.stderr)")
            return name
        }

        func report(_ arguments: [String]) throws -> CLIRunner.Result {
            try CLIRunner.run(["report"] + arguments, directory: path)
        }

        func contents(_ name: String) throws -> Data {
            try Data(contentsOf: directory.url.appendingPathComponent(name))
        }

        func exists(_ name: String) -> Bool {
            FileManager.default.fileExists(atPath: directory.appending(name))
        }
    }

    static func decode(_ data: Data) throws -> CampaignReport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(CampaignReport.self, from: data)
    }

    @Test func aJournalThatDoesNotExistIsNamed() throws {
        let campaigns = try Campaigns()
        let result = try campaigns.report(["missing.jsonl"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("missing.jsonl"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot open it"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aFileThatIsNotAJournalIsRefused() throws {
        let campaigns = try Campaigns()
        let result = try campaigns.report(["phones.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("phones.txt is not an mmskit send journal"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func phonesTakesOneJournal() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        try campaigns.journal("b.jsonl")
        let result = try campaigns.report(["a.jsonl", "b.jsonl", "--phones", "phones.txt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--phones names the list of one campaign"), "\(result.stderr)")
    }

    @Test func phonesNamingAnotherListIsRefused() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        try "13900000000\n13900000001\n".write(
            toFile: campaigns.directory.appending("other.txt"), atomically: true, encoding: .utf8)
        let result = try campaigns.report(["a.jsonl", "--phones", "other.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("other.txt"), "\(result.stderr)")
        #expect(result.stderr.contains("SHA-256 differs"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// JSMS receipts are matched by number, so without its list a JPush campaign cannot be reported on with a store.
    @Test func aJPushCampaignWhoseListIsGoneNeedsPhones() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl", provider: .jpush, listName: "gone.txt", taskID: nil)
        let store = try campaigns.store()
        let result = try campaigns.report(["a.jsonl", "--db", store])
        #expect(result.status == 2)
        #expect(result.stderr.contains("gone.txt"), "\(result.stderr)")
        #expect(result.stderr.contains("give it with --phones FILE"), "\(result.stderr)")
        let given = try campaigns.report(["a.jsonl", "--db", store, "--phones", "phones.txt", "--format", "json"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(try Self.decode(given.stdout).campaigns.first?.figures.funnel.read == 4)
    }

    /// ihuyi's receipts name their task, so a campaign whose list is gone is still reported, saying what is unknown.
    @Test func anIhuyiCampaignWhoseListIsGoneIsReportedWithANote() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl", listName: "gone.txt")
        let store = try campaigns.store()
        let result = try campaigns.report(["a.jsonl", "--db", store, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let campaign = try #require((object["campaigns"] as? [[String: Any]])?.first)
        let funnel = try #require((campaign["figures"] as? [String: Any])?["funnel"] as? [String: Any])
        // Unknown counts are left out of the JSON (or null), never 0.
        for unknown in ["read", "invalid", "duplicates"] {
            #expect(funnel[unknown] == nil || funnel[unknown] is NSNull, "\(unknown): \(funnel[unknown] ?? "")")
        }
        #expect(funnel["valid"] as? Int == 4)
        #expect(funnel["sent"] as? Int == 4 && funnel["pending"] as? Int == 4)
        let notes = campaign["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("gone.txt") && $0.contains("are not known") }, "\(notes)")

        let text = try campaigns.report(["a.jsonl", "--db", store])
        #expect(text.status == 0)
        #expect(text.stdoutText.contains("note: the phone list gone.txt cannot be read"), "\(text.stdoutText)")
        let unknown = text.stdoutText.split(separator: "\n").filter {
            $0.split(separator: " ") == ["read", "unknown"] || $0.split(separator: " ") == ["invalid", "unknown"]
        }
        #expect(unknown.count == 2, "\(text.stdoutText)")
    }

    /// A number the campaign left out as opted out is not one of its new opt-outs, even when its entry is stored
    /// after the journal's `created` (which keeps whole seconds: an opt-out in the same second as the next campaign).
    @Test func aSuppressedNumberIsNoNewOptOut() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl", suppressed: ["13900000001"], created: Date().addingTimeInterval(-60))
        let store = try campaigns.store()
        #expect(
            try CLIRunner.run(["optout", "add", "13900000001", "--db", store], directory: campaigns.path).status == 0)
        let result = try campaigns.report(["a.jsonl", "--db", store, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let funnel = try #require(try Self.decode(result.stdout).campaigns.first?.figures.funnel)
        #expect(funnel.suppressed == 1 && funnel.sent == 3)
        #expect(funnel.optOuts == 0)
    }

    @Test(arguments: ["a.jsonl", "phones.txt", "receipts.sqlite"])
    func outputNeverOverwritesAnInput(_ input: String) throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        let store = try campaigns.store()
        let before = try campaigns.contents(input)
        let result = try campaigns.report(["a.jsonl", "--db", store, "-o", input])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it is one of this command's inputs"), "\(result.stderr)")
        #expect(try campaigns.contents(input) == before)
        let failures = try campaigns.report(["a.jsonl", "--db", store, "--failures", "phones.txt.csv"])
        #expect(failures.status == 0, "a failures file beside the inputs is fine: \(failures.stderr)")
    }

    /// `-o` writes the same report as stdout, and a report that fails leaves no file behind, whole or partial.
    @Test func outputAppearsOnlyComplete() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        let shown = try campaigns.report(["a.jsonl"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let written = try campaigns.report(["a.jsonl", "-o", "report.txt"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(written.stderr.contains("wrote report.txt"))
        #expect(try campaigns.contents("report.txt") == shown.stdout)

        let failed = try campaigns.report(["a.jsonl", "missing.jsonl", "-o", "failed.txt", "--failures", "f.csv"])
        #expect(failed.status == 2)
        #expect(!campaigns.exists("failed.txt") && !campaigns.exists("f.csv"))
        let left = try FileManager.default.contentsOfDirectory(atPath: campaigns.path).sorted()
        #expect(left == ["a.jsonl", "phones.txt", "report.txt"], "a temporary file was left behind")
    }

    @Test func failuresNamesACSVOrJSONLinesFile() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        let result = try campaigns.report(["a.jsonl", "--failures", "x.txt"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--failures x.txt: name a .csv or .jsonl file"), "\(result.stderr)")
        #expect(!campaigns.exists("x.txt"))
    }

    /// Every refused number, one line each, with its code and meaning split (`50006: …`) and quoted where CSV needs it.
    @Test func failuresListsEveryRefusedNumber() throws {
        let campaigns = try Campaigns()
        try campaigns.journal(
            "a.jsonl", provider: .jpush, taskID: nil,
            rejections: [
                RejectedRecipient(mobile: "13900000001", reason: #"50006: invalid, "bad" mobile"#),
                RejectedRecipient(mobile: "13900000003", reason: "MK:0001"),
            ])
        let csv = try campaigns.report(["a.jsonl", "--failures", "f.csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stderr.contains("wrote f.csv"))
        #expect(
            String(decoding: try campaigns.contents("f.csv"), as: UTF8.self)
                == "journal,phone,stage,code,meaning,task_id,time\r\n"
                + #"a.jsonl,13900000001,rejected,50006,"invalid, ""bad"" mobile",,"# + "\r\n"
                + "a.jsonl,13900000003,rejected,MK:0001,,,\r\n")

        let jsonl = try campaigns.report(["a.jsonl", "--failures", "f.jsonl", "--format", "json"])
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        let lines = String(decoding: try campaigns.contents("f.jsonl"), as: UTF8.self).split(separator: "\n")
        let numbers = try lines.map { try JSONDecoder().decode(FailedNumber.self, from: Data($0.utf8)) }
        #expect(
            numbers == [
                FailedNumber(
                    journal: "a.jsonl", phone: "13900000001", stage: .rejected, code: "50006",
                    meaning: #"invalid, "bad" mobile"#, taskID: nil, time: nil),
                FailedNumber(
                    journal: "a.jsonl", phone: "13900000003", stage: .rejected, code: "MK:0001", meaning: nil,
                    taskID: nil, time: nil),
            ])
        let report = try Self.decode(jsonl.stdout)
        let failures = try #require(report.campaigns.first?.figures.failures)
        #expect(failures.map(\.count).reduce(0, +) == lines.count)
        #expect(report.campaigns.first?.figures.funnel.rejected == 2)
    }

    /// The JSON decodes to the report's model, and its figures add up as the model says they do.
    @Test func jsonIsTheReportsModel() throws {
        let campaigns = try Campaigns()
        try campaigns.journal("a.jsonl")
        try campaigns.journal(
            "b.jsonl", taskID: "mms2", rejections: [RejectedRecipient(mobile: "13900000002", reason: "2")])
        let result = try campaigns.report(["a.jsonl", "b.jsonl", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.decode(result.stdout)
        #expect(report.campaigns.map(\.journal) == ["a.jsonl", "b.jsonl"])
        #expect(!report.readStore)
        #expect(report.campaigns.map(\.provider) == [.ihuyi, .ihuyi])
        #expect(report.campaigns.map { $0.chunks.map(\.taskID) } == [["mms1"], ["mms2"]])
        #expect(report.campaigns.map(\.figures.funnel.sent) == [4, 3])
        #expect(report.campaigns.map(\.figures.funnel.pending) == [4, 3])
        #expect(report.total.funnel.sent == 7 && report.total.funnel.rejected == 1 && report.total.funnel.read == 8)
        for campaign in report.campaigns {
            let funnel = campaign.figures.funnel
            #expect(funnel.suppressed + funnel.sent + funnel.rejected + funnel.unknown + funnel.notSent == funnel.valid)
            #expect(funnel.delivered + funnel.failed + funnel.pending == funnel.sent)
            #expect(campaign.notes.contains { $0.contains("no store was read") })
        }
    }

    @Test func helpPassesThroughTheFrontBinary() throws {
        let result = try CLIRunner.run(["report", "--help"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("USAGE: mmskit report <journal> ..."), "\(result.stdoutText)")
        for option in ["--db", "--phones", "--format", "--failures", "--output"] {
            #expect(result.stdoutText.contains(option), "\(option)")
        }
    }
}
