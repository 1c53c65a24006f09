import Foundation
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `-o` replaces only new paths or regular files that are not the command's own inputs, keeping their mode; a
/// result that cannot be written to stdout is exit 2.
@Suite struct OutputSafetyTests {
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func aFIFOAsOutputIsRefusedAndStaysAFIFO() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let fifo = "\(directory)/out"
        #expect(mkfifo(fifo, 0o644) == 0)
        for arguments in [
            ["build", PackagePaths.sample("promo"), "-o", fifo], ["lint", PackagePaths.sample("promo"), "-o", fifo],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("it is a FIFO"))
            var status = stat()
            #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out"])
    }

    @Test func aSymbolicLinkAsOutputIsRefusedAndItsTargetKept() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: "\(directory)/target"))
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/link", withDestinationPath: "target")
        let result = try CLIRunner.run(["build", PackagePaths.sample("promo"), "-o", "\(directory)/link"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("symbolic link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/link") == "target")
        #expect(try String(contentsOfFile: "\(directory)/target", encoding: .utf8) == "keep me")
    }

    @Test func aDeviceAsOutputIsRefused() throws {
        let result = try CLIRunner.run(["build", PackagePaths.sample("promo"), "-o", "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it is a device"))
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let output = "\(directory)/private.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: output))
        #expect(chmod(output, 0o600) == 0)
        let build = try CLIRunner.run(["build", PackagePaths.sample("promo"), "-o", output])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try Self.mode(output) == 0o600)
        #expect(chmod(output, 0o640) == 0)
        let lint = try CLIRunner.run(["lint", PackagePaths.sample("promo"), "--format", "json", "-o", output])
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(try Self.mode(output) == 0o640)
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("\"files\""))
    }

    @Test func anOutputThatIsAnInputIsRefusedAndTheInputKept() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let media = "\(directory)/d2"
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        let image = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/01-cover.jpg")))
        try image.write(to: URL(fileURLWithPath: "\(media)/01-a.jpg"))
        let build = try CLIRunner.run(["build", media, "-o", "\(media)/01-a.jpg"])
        #expect(build.status == 2)
        #expect(build.stderr.contains("one of this command's inputs"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(media)/01-a.jpg")) == image)

        // The same file through another name (a hard link) is still the input.
        let template = "\(directory)/t.json"
        let built = try CLIRunner.run(["build", PackagePaths.sample("promo"), "--as", "template", "-o", template])
        #expect(built.status == 0)
        #expect(link(template, "\(directory)/alias.json") == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: template))
        for output in [template, "\(directory)/alias.json", "\(directory)/./t.json"] {
            let lint = try CLIRunner.run(["lint", template, "-o", output])
            #expect(lint.status == 2, "\(output): \(lint.stderr)")
            #expect(lint.stderr.contains("one of this command's inputs"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: template)) == before)
        // A report beside the inputs (not one of them) is fine: `lint . -o report.sarif`.
        let report = try CLIRunner.run(["lint", ".", "--format", "sarif", "-o", "report.sarif"], directory: directory)
        #expect(report.status == 0, "\(report.stderr)")
    }

    /// Every input of every content command — the content, a file inside a content directory, the configuration
    /// given with --config or found as .mmskit.yml, the libmagic database — is refused as its -o, by any name,
    /// and left byte for byte as it was.
    @Test func noCommandWritesOverAnyOfItsInputs() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let media = "\(directory)/d"
        try FileManager.default.copyItem(atPath: PackagePaths.sample("promo"), toPath: media)
        let template = "\(directory)/t.json"
        #expect(try CLIRunner.run(["build", media, "--as", "template", "-o", template]).status == 0)
        try "rules:\n  opt-out-line: warning\n".write(
            toFile: "\(directory)/cfg.yml", atomically: false, encoding: .utf8)
        try "rules:\n  opt-out-line: warning\n".write(
            toFile: "\(directory)/.mmskit.yml", atomically: false, encoding: .utf8)
        try Data(contentsOf: URL(fileURLWithPath: Self.systemMagic)).write(
            to: URL(fileURLWithPath: "\(directory)/m.mgc"))
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/alias.yml", withDestinationPath: "cfg.yml")
        let inputs = ["d/01-cover.jpg", "d/01-welcome.txt", "d/mms.yaml", "t.json", "cfg.yml", ".mmskit.yml", "m.mgc"]
        var before: [String: Data] = [:]
        for input in inputs { before[input] = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(input)")) }
        let cases: [[String]] = [
            ["build", "d", "-o", "d/01-cover.jpg"], ["build", "d", "-o", "./d/../d/01-welcome.txt"],
            ["build", "d", "--magic", "m.mgc", "-o", "m.mgc"],
            ["lint", "t.json", "-o", "t.json"], ["lint", "t.json", "--config", "cfg.yml", "-o", "cfg.yml"],
            ["lint", "t.json", "--config", "alias.yml", "-o", "cfg.yml"], ["lint", "t.json", "-o", ".mmskit.yml"],
            ["lint", "d", "-o", "d/mms.yaml"], ["lint", "t.json", "--magic", "m.mgc", "-o", "m.mgc"],
            ["preview", "d", "-o", "d/01-cover.jpg"], ["preview", "t.json", "-o", "t.json"],
            ["preview", "t.json", "--config", "cfg.yml", "-o", "cfg.yml"], ["preview", "t.json", "-o", ".mmskit.yml"],
            ["preview", "d", "--magic", "m.mgc", "-o", "m.mgc"],
        ]
        for arguments in cases {
            let result = try CLIRunner.run(arguments, directory: directory)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("one of this command's inputs"), "\(arguments): \(result.stderr)")
        }
        // unpack's output is a new (or empty) directory, which no input file can be.
        let unpack = try CLIRunner.run(["unpack", "t.json", "-o", "t.json"], directory: directory)
        #expect(unpack.status == 2 && unpack.stderr.contains("it is a file; name a new directory"), "\(unpack.stderr)")
        for input in inputs {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(input)")) == before[input], "\(input)")
        }
        for arguments in [["build", "d", "-o", "out.json"], ["preview", "d", "-o", "out.html"]] {
            let result = try CLIRunner.run(arguments, directory: directory)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    /// The system's compiled libmagic database.
    static let systemMagic =
        ["/usr/share/misc/magic.mgc", "/usr/lib/file/magic.mgc", "/usr/share/file/magic.mgc"].first {
            FileManager.default.fileExists(atPath: $0)
        } ?? "/usr/share/misc/magic.mgc"

    @Test(arguments: [
        ["rules"], ["rules", "title"], ["rules", "--json"], ["lint", "samples/promo"], ["inspect", "samples/promo"],
        ["inspect", "samples/promo", "--json"], ["sniff", "samples/promo/01-cover.jpg"], ["build", "samples/promo"],
    ])
    func aFullStdoutIsExitTwo(arguments: [String]) throws {
        let result = try CLIRunner.run(arguments, directory: PackagePaths.root.path, standardOutput: "/dev/full")
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(arguments): \(result.stderr)")
    }

    /// Help, version and completion scripts are results too: a full stdout is exit 2 with the reason on stderr,
    /// from both executables (`mmskit send --help` is mmskit-server's help).
    @Test(arguments: [
        (["--help"], true), (["-h"], true), (["help"], true), (["--version"], true), (["send", "--help"], true),
        (["template", "show", "-h"], true), (["help", "receipts"], true),
        (["--generate-completion-script", "bash"], true), (["help", "build"], false), (["build", "--help"], false),
    ])
    func aFullStdoutForHelpOrVersionIsExitTwo(arguments: [String], serverToo: Bool) throws {
        for executable in [CLIRunner.binary] + (serverToo ? [CLIRunner.serverBinary] : []) {
            let result = try CLIRunner.run(arguments, standardOutput: "/dev/full", executable: executable)
            #expect(result.status == 2, "\(executable.lastPathComponent) \(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("No space left on device"),
                "\(executable.lastPathComponent) \(arguments): \(result.stderr)")
            // The same words to a stdout that takes them are exit 0 with the text.
            let written = try CLIRunner.run(arguments, executable: executable)
            #expect(written.status == 0, "\(executable.lastPathComponent) \(arguments): \(written.stderr)")
            #expect(!written.stdout.isEmpty)
        }
    }
}
