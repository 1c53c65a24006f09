import Foundation
import MMSKit
import MMSKitStore
import MMSKitTestSupport
import Testing

/// `mmskit optout` with the built binary, on a SQLite store (the commands share `OptOutStore` with PostgreSQL,
/// whose side `OptOutStoreTests` covers).
@Suite struct OptOutCommandTests {
    @Test func addListRemoveAndExportRoundTrip() throws {
        let directory = try TemporaryDirectory("mmskit-optout")
        let db = directory.appending("receipts.sqlite")
        let added = try CLIRunner.run(["optout", "add", "13800138000", "+86 139-0013-9000", "13800138000", "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdoutText == "added 2 of 2 numbers\n")
        let again = try CLIRunner.run(["optout", "add", "13900139000", "--db", db])
        #expect(again.stdoutText == "added 0 of 1 number (1 already on the list, kept as they were)\n")

        let listed = try CLIRunner.run(["optout", "list", "--db", db, "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(rows.map { $0["phone"] as? String } == ["13800138000", "13900139000"])
        #expect(rows.allSatisfy { $0["source"] as? String == "manual" && $0["provider"] == nil })

        let export = directory.appending("optouts.csv")
        #expect(try CLIRunner.run(["optout", "export", "--db", db, "-o", export]).status == 0)
        let csv = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
        #expect(csv.first == "phone,source,provider,keyword,task_id,opted_out_at")
        #expect(csv.dropFirst().map { $0.prefix(19) } == ["13800138000,manual,", "13900139000,manual,"])

        let removed = try CLIRunner.run(["optout", "remove", "13800138000", "13700137000", "--db", db])
        #expect(removed.stdoutText == "removed 1 of 2 numbers (1 were not on the list)\n")
        let back = try CLIRunner.run(["optout", "import", export, "--column", "phone", "--db", db])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(
            back.stdoutText == "imported \(export): 2 numbers (1 new, 1 already on the list, 0 repeated in the file)\n")
        let table = try CLIRunner.run(["optout", "list", "--db", db, "--source", "import"])
        #expect(table.stdoutText.split(separator: "\n").dropFirst().map { $0.prefix(18) } == ["13800138000  impor"])
    }

    @Test func anInvalidNumberOrLineAddsNothing() throws {
        let directory = try TemporaryDirectory("mmskit-optout")
        let db = directory.appending("receipts.sqlite")
        let refused = try CLIRunner.run(["optout", "add", "13800138000", "12345", "--db", db])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'12345' is not a number mmskit sends to: 5 digits"), "\(refused.stderr)")
        let file = directory.appending("list.txt")
        try "13800138001\n# a comment\n1380013800x\n13800138002\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let stopped = try CLIRunner.run(["optout", "import", file, "--db", db])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("list.txt:3: \"1380013800x\" is not a number"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: db), "a refused command creates no store")
        let skipped = try CLIRunner.run(["optout", "import", file, "--skip-invalid", "--db", db])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("line 3: \"1380013800x\""), "\(skipped.stderr)")
        #expect(skipped.stdoutText.hasSuffix(": 2 numbers (2 new, 0 already on the list, 0 repeated in the file)\n"))
    }

    @Test func anExportNeverOverwritesTheStore() throws {
        let directory = try TemporaryDirectory("mmskit-optout")
        let db = directory.appending("receipts.sqlite")
        #expect(try CLIRunner.run(["optout", "add", "13800138000", "--db", db]).status == 0)
        let refused = try CLIRunner.run(["optout", "export", "--db", db, "-o", db])
        #expect(refused.status != 0)
        #expect(try CLIRunner.run(["optout", "list", "--db", db]).stdoutText.contains("13800138000"))
    }
}
