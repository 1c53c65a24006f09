import Foundation
import GRDB
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The read commands only read: a file that is not an mmskit store is named as such and left byte for byte as
/// it was, a read-only store is read, a file that is not a send journal is named as such, and values are printed
/// whole.
@Suite struct ReadCommandTests {
    /// Every command that reads the store, with `--db` and what else it needs.
    static func readCommands(_ database: String) -> [[String]] {
        [
            ["receipts", "list", "--db", database], ["receipts", "list", "--db", database, "--json"],
            ["receipts", "stats", "--db", database], ["receipts", "export", "--db", database, "--format", "csv"],
            ["receipts", "replay", "--db", database, "--since", "2025-01-01", "--to", "http://127.0.0.1:1/hook"],
            ["template", "status", "7", "--db", database],
        ]
    }

    @Test(arguments: ["empty", "unrelated", "text"])
    func aFileThatIsNotAStoreIsNamedAndLeftUnchanged(_ kind: String) throws {
        let directory = try TemporaryDirectory("mmskit-read-commands")
        let path = directory.appending("\(kind).sqlite")
        switch kind {
        case "empty":
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        case "unrelated":
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(
                    sql:
                        "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('keep')"
                )
            }
            try queue.close()
        default:
            try Data(String(repeating: "plain text, not a database\n", count: 200).utf8).write(
                to: URL(fileURLWithPath: path))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for command in Self.readCommands(path) {
            let result = try CLIRunner.run(command, environment: ["MMSKIT_FORWARD_SECRET": "whsec_test"])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("\(path) is not an mmskit store"), "\(command): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "\(command) changed \(path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["\(kind).sqlite"])
    }

    @Test(arguments: ["read-only file", "read-only directory"])
    func aReadOnlyStoreIsRead(_ setting: String) async throws {
        let directory = try TemporaryDirectory("mmskit-read-commands")
        let store = directory.appending("store")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: false)
        let path = "\(store)/receipts.sqlite"
        let writer = try SQLitePushStore(path: path)
        _ = try await writer.store([Pushes.receipt(task: "t1", phone: "13800000000")])
        try await writer.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        chmod(directory.path, 0o755)
        if setting == "read-only file" {
            chmod(path, 0o444)
        } else {
            chmod(store, 0o555)
        }
        defer { chmod(store, 0o755) }
        // As nobody: root may write any file, nobody may not.
        let list = try CLIRunner.run(["receipts", "list", "--db", path, "--json"], asNobody: true)
        #expect(list.status == 0, "\(list.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: list.stdout) as? [[String: Any]])
        #expect(rows.map { $0["task_id"] as? String } == ["t1"])
        let stats = try CLIRunner.run(["receipts", "stats", "--db", path], asNobody: true)
        #expect(stats.status == 0 && stats.stdoutText.contains("t1"), "\(stats.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aFileThatIsNotAJournalIsNamed() async throws {
        let directory = try TemporaryDirectory("mmskit-read-commands")
        let database = directory.appending("receipts.sqlite")
        let store = try SQLitePushStore(path: database)
        _ = try await store.store([Pushes.receipt(task: "t1", phone: "13800000000")])
        try await store.close()
        let empty = directory.appending("empty.jsonl")
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        let text = directory.appending("phones.txt")
        try Data("13800138000\n".utf8).write(to: URL(fileURLWithPath: text))
        let cases = [
            (database, "it is a SQLite database"), (empty, "it is empty"),
            (text, "it does not start with a journal's campaign record"),
        ]
        for (journal, what) in cases {
            let stats = try CLIRunner.run(["receipts", "stats", "--db", database, "--journal", journal])
            #expect(stats.status == 2)
            #expect(stats.stderr.contains("\(journal) is not an mmskit send journal (\(what))"), "\(stats.stderr)")
            #expect(!stats.stderr.contains("resume"), "\(stats.stderr)")
            let send = try CLIRunner.run(
                [
                    "send", "--provider", "ihuyi", "--base-url", "http://127.0.0.1:1", "--phones", text,
                    "--product-id", "1018", "--template-id", "9", "--resume", journal,
                ],
                environment: ["MMSKIT_IHUYI_API_ID": "id", "MMSKIT_IHUYI_API_KEY": "key", "HOME": directory.path])
            #expect(send.status == 2)
            #expect(send.stderr.contains("\(journal) is not an mmskit send journal (\(what))"), "\(send.stderr)")
        }
    }

    @Test func aReadOnlyJournalIsRead() async throws {
        let fixture = try await ReceiptsCommandTests.fixture()
        chmod(fixture.directory.path, 0o755)
        chmod(fixture.journal, 0o444)
        let stats = try CLIRunner.run(
            ["receipts", "stats", "--db", fixture.database, "--journal", fixture.journal], asNobody: true)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdoutText.contains("SENT"))
    }

    @Test func aValueHoldingNULIsPrintedWholeAndVisibly() async throws {
        let directory = try TemporaryDirectory("mmskit-read-commands")
        let path = directory.appending("old.sqlite")
        try await StoreHoldingNUL.make(at: path)
        let table = try CLIRunner.run(["receipts", "list", "--db", path, "--kind", "receipt"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdoutText.contains(#"t\u{0}x"#) && table.stdoutText.contains(#"task\u{0}1"#))
        let json = try CLIRunner.run(["receipts", "list", "--db", path, "--kind", "receipt", "--json"])
        #expect(json.stdoutText.contains(#""message":"t\u0000x""#), "\(json.stdoutText)")
        let rows = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(rows.first?["message"] as? String == StoreHoldingNUL.message)
        for format in ["csv", "jsonl"] {
            let export = try CLIRunner.run([
                "receipts", "export", "--db", path, "--kind", "receipt", "--format", format,
            ])
            #expect(export.status == 0 && !export.stdout.contains(0), "\(format): \(export.stderr)")
            #expect(export.stdoutText.contains(format == "csv" ? #",t\u{0}x,"# : #""message":"t\u0000x""#))
        }
        let stats = try CLIRunner.run(["receipts", "stats", "--db", path, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: stats.stdout) as? [String: Any])
        #expect((object["tasks"] as? [[String: Any]])?.first?["task_id"] as? String == "task\u{0}1")
        #expect((object["reviews"] as? [[String: Any]])?.first?["message"] as? String == "re\u{0}jected")
    }
}
