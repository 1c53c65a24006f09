import Foundation
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LintCommandTests {
    static let promo = PackagePaths.sample("promo")
    static let bad = PackagePaths.sample("bad")

    @Test func cleanContentExitsZero() throws {
        let result = try CLIRunner.run(["lint", Self.promo])
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(result.stdoutText == "no problems in 1 file\n")
    }

    @Test func errorsExitOneWithLocatedLines() throws {
        let result = try CLIRunner.run(["lint", Self.bad])
        #expect(result.status == 1)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.last == "11 errors, 0 warnings, 0 notes in 11 files")
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "01-text.txt:2:5: error: 01-text.txt is not valid UTF-8 (first bad byte at offset 28); save it as UTF-8 [text-encoding]"
                )
            })
    }

    @Test func warningsFailOnlyWhenStrict() throws {
        let path = PackagePaths.sample("tricky/audio-only-mp4")
        #expect(try CLIRunner.run(["lint", path]).status == 0)
        let strict = try CLIRunner.run(["lint", "--strict", path])
        #expect(strict.status == 1)
        #expect(strict.stdoutText.contains("[video-without-picture]"))
    }

    @Test func jsonAndSARIFReportsAreMachineReadable() throws {
        let json = try CLIRunner.run(["lint", "--format", "json", Self.bad])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["errors"] == 11)
        #expect(!json.stdoutText.contains("\\/"))

        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let sarifPath = "\(directory)/mmskit.sarif"
        let sarif = try CLIRunner.run(["lint", "--format", "sarif", "-o", sarifPath, Self.bad])
        #expect(sarif.status == 1)
        #expect(sarif.stdout.isEmpty)
        #expect(sarif.stderr.contains("11 errors"))
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sarifPath))) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.count == 11)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["mmskit.sarif"])
    }

    @Test func githubAnnotationsAndJUnit() throws {
        let github = try CLIRunner.run(["lint", "--format", "github", PackagePaths.sample("bad/webp")])
        #expect(github.status == 1)
        #expect(github.stdoutText.hasPrefix("::error file="))
        #expect(github.stdoutText.contains("title=mmskit media-format::"))
        let junit = try CLIRunner.run(["lint", "--format", "junit", Self.promo, PackagePaths.sample("bad/webp")])
        #expect(junit.stdoutText.hasPrefix("<?xml"))
        #expect(junit.stdoutText.contains("<failure"))
        #expect(junit.stdoutText.contains("failures=\"1\""))
    }

    @Test func configurationIsFoundAndApplied() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try FileManager.default.createDirectory(atPath: "\(directory)/.git", withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: "\(directory)/sub", withIntermediateDirectories: false)
        try "limits:\n  max_total_bytes: 10000\nrules:\n  total-size: warning\n".write(
            toFile: "\(directory)/.mmskit.yml", atomically: false, encoding: .utf8)
        let result = try CLIRunner.run(["lint", Self.promo], directory: "\(directory)/sub")
        #expect(result.status == 0, "\(result.stdoutText)")
        #expect(
            result.stdoutText.contains("warning: the message is 36 KB, over the ihuyi limit of 10000 bytes"),
            "\(result.stdoutText)")
        #expect(result.stdoutText.contains("[total-size]"))
    }

    @Test func badConfigurationExitsTwoWithLines() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try "rules:\n  no-such-rule: off\nprofil: ihuyi\n".write(
            toFile: "\(directory)/c.yml", atomically: false, encoding: .utf8)
        let result = try CLIRunner.run(["lint", "--config", "\(directory)/c.yml", Self.promo])
        #expect(result.status == 2)
        #expect(result.stderr.contains("c.yml:2:3: error: unknown rule 'no-such-rule'"))
        #expect(result.stderr.contains("c.yml:3:1: error: unknown key 'profil'"))
        #expect(result.stdout.isEmpty)
    }

    @Test func toolFailuresAndUsage() throws {
        let missing = try CLIRunner.run(["lint", "/nonexistent/templates"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or directory"))
        #expect(try CLIRunner.run(["lint", "--format", "xml", Self.promo]).status == 64)
        #expect(try CLIRunner.run(["lint", "--profile", "aliyun", Self.promo]).status == 64)
        #expect(try CLIRunner.run(["lint", "--kind", "letter", Self.promo]).status == 64)
        #expect(try CLIRunner.run(["lint", "--magic", "/nonexistent.mgc", Self.promo]).status == 2)
    }

    @Test func rulesListsAndExplains() throws {
        let list = try CLIRunner.run(["rules"])
        #expect(list.status == 0)
        #expect(list.stdoutText.contains("media-type-mismatch"))
        #expect(list.stdoutText.contains("rules; `mmskit rules ID` explains one."))
        let one = try CLIRunner.run(["rules", "opt-out-line"])
        #expect(one.stdoutText.contains("Why: Carrier practice"))
        #expect(one.stdoutText.contains("Triggers:"))
        #expect(one.stdoutText.contains("Does not trigger:"))
        #expect(try CLIRunner.run(["rules", "nope"]).status == 64)
        let json = try CLIRunner.run(["rules", "--json"])
        let rules = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(rules.count >= 40)
    }

    @Test func rulesPrintExamplesWithoutTheirMarkers() throws {
        let one = try CLIRunner.run(["rules", "con-type"])
        #expect(one.status == 0)
        #expect(one.stdoutText.contains(#""con_type": "sticker""#))
        #expect(!one.stdoutText.contains("↓"))
    }

    @Test func aFiftyMegabyteTemplateStaysWithinAFewTimesItsSize() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let path = "\(directory)/big.json"
        var json = Data(
            #"{"title": "t", "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "回T退订"}, {"con_type": "video", "ext_type": "mp4", "data": ""#
                .utf8)
        json.append(Data(repeating: UInt8(ascii: "A"), count: 50 << 20))
        json.append(Data(#""}]]}"#.utf8))
        try json.write(to: URL(fileURLWithPath: path))
        // The child's own high-water mark, read from /proc while it runs (VmHWM only grows, so the last reading
        // is its peak). getrusage(RUSAGE_CHILDREN) would not do: a child started by posix_spawn shares this
        // process's memory until it execs, and Linux counts that memory as the child's peak. For the same reason a
        // reading counts only once the child runs mmskit (its command line names the file): before the exec its
        // VmHWM is this test process's, hundreds of MB in the full suite.
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["lint", "--format", "json", path]
        let output = Pipe.closingOnExec()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var peak = 0
        while process.isRunning {
            if let commandLine = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/cmdline"),
                String(decoding: commandLine, as: UTF8.self).contains(path),
                let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
            {
                peak = max(peak, kilobytes * 1024)
            }
            usleep(2_000)
        }
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(report.contains("media-format"))
        #expect(peak > 0, "no reading of the child's memory")
        #expect(peak < json.count * 5, "peak RSS \(peak) for a \(json.count)-byte file")
    }
}
