import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

/// `mmskit receipts stats|list|export` end to end: the built binary reads a SQLite store filled through the library.
@Suite struct ReceiptsCommandTests {
    /// A store with two ihuyi tasks, a JSMS report, uplinks and a review; and a send journal for task t1.
    static func fixture() async throws -> (directory: TemporaryDirectory, database: String, journal: String) {
        let directory = try TemporaryDirectory("mmskit-receipts-cli")
        let database = directory.appending("receipts.sqlite")
        let store = try SQLitePushStore(path: database)
        var records: [PushRecord] = []
        for index in 0..<3 { records.append(Pushes.receipt(task: "t1", phone: "1380000000\(index)")) }
        records.append(Pushes.receipt(task: "t1", phone: "13900000000", code: "UNDELIV"))
        records.append(Pushes.receipt(task: "t2", phone: "13700000000", code: "MK:0001"))
        records.append(Pushes.jsmsReport(msgID: "m1", status: "4003"))
        records.append(Pushes.uplink(phone: "13800000000", content: #"TD\u001b[31m,\"quoted\""#))
        records.append(Pushes.review(template: 42, code: "SUCCESS", message: "approved"))
        _ = try await store.store(records)
        try await store.close()
        let journalPath = directory.appending("send.jsonl")
        let journal = try SendJournal.create(
            at: journalPath,
            header: SendJournal.Header(
                provider: "ihuyi", phonesPath: "phones.txt", phonesSHA256: "x", messageSHA256: "y", chunkSize: 10))
        try journal.record(
            SendJournal.Chunk(
                index: 0, state: .acknowledged, requestID: "r0", first: 0, count: 10, taskID: "t1", accepted: 10,
                at: Date()))
        try journal.record(
            SendJournal.Chunk(index: 1, state: .failed, requestID: "r1", first: 10, count: 5, at: Date()))
        return (directory, database, journalPath)
    }

    @Test func statsCountsPerTaskWithMeaningsAndPending() async throws {
        let fixture = try await Self.fixture()
        let result = try CLIRunner.run(["receipts", "stats", "--db", fixture.database, "--journal", fixture.journal])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdoutText.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("TASK PROVIDER RECEIPTS DELIVERED FAILED SENT PENDING"))
        #expect(lines.contains("t1 ihuyi 4 3 1 10 6"))
        #expect(lines.contains("t2 ihuyi 1 0 1"))
        #expect(lines.contains("m1 SMS_REPORT 1 0 1") || lines.contains("m1 jpush 1 0 1"))
        #expect(lines.contains("m1 4003 1 handset off"))
        #expect(lines.contains("t1 UNDELIV 1"))
        #expect(lines.contains("uplinks: 1"))
        #expect(lines.contains { $0.hasPrefix("42 ihuyi SUCCESS approved") })
    }

    @Test func statsAsJSON() async throws {
        let fixture = try await Self.fixture()
        let result = try CLIRunner.run(["receipts", "stats", "--db", fixture.database, "--task", "t1", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let tasks = try #require(object["tasks"] as? [[String: Any]])
        #expect(tasks.count == 1)
        #expect(tasks.first?["delivered"] as? Int == 3)
        #expect(tasks.first?["failed"] as? [String: Int] == ["UNDELIV": 1])
        // snake_case keys throughout, as every JSON output.
        #expect(tasks.first?["task_id"] as? String == "t1" && tasks.first?["taskID"] == nil)
        let reviews = try #require(object["reviews"] as? [[String: Any]])
        #expect(reviews.first?["template_id"] as? Int == 42 && reviews.first?["templateID"] == nil)
        #expect(object["uplinks"] as? Int == 0)
    }

    @Test func listFiltersAndEscapes() async throws {
        let fixture = try await Self.fixture()
        let all = try CLIRunner.run(["receipts", "list", "--db", fixture.database])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdoutText.split(separator: "\n").count == 9)
        #expect(!all.stdoutText.contains("\u{1B}"))
        let uplinks = try CLIRunner.run(["receipts", "list", "--db", fixture.database, "--kind", "uplink", "--json"])
        #expect(uplinks.status == 0, "\(uplinks.stderr)")
        let array = try #require(try JSONSerialization.jsonObject(with: uplinks.stdout) as? [[String: Any]])
        #expect(array.count == 1)
        #expect((array.first?["payload"] as? [String: Any])?["content"] as? String == "TD\u{1B}[31m,\"quoted\"")
        #expect(array.first?["kind"] as? String == "reply" && array.first?["provider"] as? String == "ihuyi")
        // A kind is what a record is, whoever pushed it: delivery receipts include JSMS's reports.
        let receipts = try CLIRunner.run([
            "receipts", "list", "--db", fixture.database, "--kind", "delivery_receipt", "--json",
        ])
        let receiptRows = try #require(try JSONSerialization.jsonObject(with: receipts.stdout) as? [[String: Any]])
        #expect(receiptRows.count == 6)
        #expect(
            receiptRows.compactMap { $0["outcome"] as? String }.sorted() == [
                "delivered", "delivered", "delivered", "failed", "failed", "failed",
            ])
        let jsms = try CLIRunner.run([
            "receipts", "list", "--db", fixture.database, "--kind", "receipt", "--provider", "JPush", "--json",
        ])
        let jsmsRows = try #require(try JSONSerialization.jsonObject(with: jsms.stdout) as? [[String: Any]])
        #expect(jsmsRows.map { $0["task_id"] as? String } == ["m1"])
        let oldKind = try CLIRunner.run(["receipts", "list", "--db", fixture.database, "--kind", "jpush"])
        #expect(oldKind.status == 64 && oldKind.stderr.contains("delivery_receipt"), "\(oldKind.stderr)")
        let phone = try CLIRunner.run([
            "receipts", "list", "--db", fixture.database, "--phone", "13800000000", "--since", "2000-01-01",
        ])
        #expect(phone.stdoutText.split(separator: "\n").count == 4)  // the header, a receipt, a JSMS report, an uplink
        let future = try CLIRunner.run(["receipts", "list", "--db", fixture.database, "--since", "2999-01-01 00:00:00"])
        #expect(future.stdoutText == "no records\n")
    }

    @Test func exportStreamsCSVAndJSONLines() async throws {
        let fixture = try await Self.fixture()
        let output = fixture.directory.appending("out.csv")
        let csv = try CLIRunner.run(["receipts", "export", "--db", fixture.database, "--format", "csv", "-o", output])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.isEmpty)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(
            text.hasPrefix(
                "id,kind,provider,task_id,phone,code,outcome,message,template_id,event_time,first_event_time,received_at,updated_at,payload\r\n"
            ))
        #expect(text.contains("\"TD\u{1B}[31m,\"\"quoted\"\"\""))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).filter { $0.hasSuffix(".tmp") }
                .isEmpty)
        let jsonl = try CLIRunner.run(["receipts", "export", "--db", fixture.database, "--format", "jsonl"])
        let lines = jsonl.stdoutText.split(separator: "\n")
        #expect(lines.count == 8)
        let ids = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? Int
        }
        #expect(ids == (1...8).map { $0 })
    }

    /// `-o` never replaces the store it exports from, by any name, nor the files SQLite keeps beside it.
    @Test func exportNeverWritesOverItsStore() async throws {
        let fixture = try await Self.fixture()
        let database = fixture.database
        try FileManager.default.createSymbolicLink(
            atPath: fixture.directory.appending("alias.sqlite"), withDestinationPath: "receipts.sqlite")
        try FileManager.default.createDirectory(
            atPath: fixture.directory.appending("sub"), withIntermediateDirectories: false)
        for (db, output) in [
            (database, database), (fixture.directory.appending("alias.sqlite"), database),
            (database, fixture.directory.appending("sub/../receipts.sqlite")),
            (database, database + "-wal"), (database, database + "-journal"),
        ] {
            let result = try CLIRunner.run(["receipts", "export", "--db", db, "--format", "csv", "-o", output])
            #expect(result.status == 2, "\(db) -o \(output): \(result.stderr)")
            #expect(result.stderr.contains("it is one of this command's inputs"), "\(result.stderr)")
        }
        // The store is still the store (reading it may checkpoint it, so its bytes are not compared).
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)).starts(with: Data("SQLite format 3\0".utf8)))
        let beside = try CLIRunner.run(
            ["receipts", "export", "--db", database, "--format", "csv", "-o", fixture.directory.appending("r.csv")])
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(
            try String(contentsOfFile: fixture.directory.appending("r.csv"), encoding: .utf8).contains("13700000000"))
    }

    @Test func anUnusableDatabaseIsNamedWithStatusTwo() async throws {
        let directory = try TemporaryDirectory("mmskit-receipts-cli")
        let missing = directory.appending("absent.sqlite")
        let result = try CLIRunner.run(["receipts", "stats", "--db", missing])
        #expect(result.status == 2)
        #expect(result.stderr.contains(missing))
        let garbage = directory.appending("garbage.sqlite")
        try Data(String(repeating: "x", count: 4096).utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try CLIRunner.run(["receipts", "list", "--db", garbage])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains(garbage))
        let refused = try CLIRunner.run(["receipts", "stats", "--db", "postgres://app:hunter2@127.0.0.1:1/receipts"])
        #expect(refused.status == 2)
        #expect(!refused.stderr.contains("hunter2"))
        #expect(refused.stderr.contains("postgres://app:***@127.0.0.1:1/receipts"))
        let usage = try CLIRunner.run(["receipts", "stats", "--db", "postgres://app:hunter2@/x"])
        #expect(usage.status == 64)
        #expect(!usage.stderr.contains("hunter2"))
    }
}
