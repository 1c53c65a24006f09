import Foundation
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// FIFOs, devices, symlinks to nothing, unreadable entries and files of the wrong kind: every command refuses
/// them with exit status 2 and a message naming the path, and none hangs (each run has a time limit).
@Suite struct SpecialInputTests {
    static let limit = 60

    /// Makes a FIFO in `directory`.
    static func fifo(in directory: String) throws -> (directory: String, fifo: String) {
        let fifo = "\(directory)/pipe.json"
        #expect(mkfifo(fifo, 0o644) == 0)
        return (directory, fifo)
    }

    @Test(arguments: [["sniff"], ["lint"], ["inspect"], ["unpack", "-o", "/tmp/mmskit-never-made"]])
    func aFIFOIsRefusedWithoutHanging(_ command: [String]) throws {
        let temporary = try TemporaryDirectory()
        let (_, fifo) = try Self.fifo(in: temporary.path)
        let result = try CLIRunner.run([command[0], fifo] + command.dropFirst(), timeLimit: Self.limit)
        #expect(result.status == 2, "\(result.stderr)")
        #expect((result.stderr + result.stdoutText).contains(fifo))
        #expect((result.stderr + result.stdoutText).contains("a FIFO"))
    }

    @Test func aFIFOInsideSearchedDirectoriesIsRefused() throws {
        let temporary = try TemporaryDirectory()
        let (directory, fifo) = try Self.fifo(in: temporary.path)
        let lint = try CLIRunner.run(["lint", directory], timeLimit: Self.limit)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains(fifo) && lint.stderr.contains("a FIFO"))
        let sniff = try CLIRunner.run(["sniff", directory], timeLimit: Self.limit)
        #expect(sniff.status == 2)
        #expect(sniff.stdoutText.contains("\(fifo): unreadable:") && sniff.stdoutText.contains("a FIFO"))
    }

    @Test func characterDevicesAreRefused() throws {
        let sniff = try CLIRunner.run(["sniff", "/dev/zero"], timeLimit: Self.limit)
        #expect(sniff.status == 2)
        #expect(sniff.stdoutText.contains("/dev/zero") && sniff.stdoutText.contains("a character device"))
        let magic = try CLIRunner.run(
            ["sniff", PackagePaths.sample("promo/01-cover.jpg"), "--magic", "/dev/zero"], timeLimit: Self.limit)
        #expect(magic.status == 2)
        #expect(magic.stderr.contains("'/dev/zero'") && magic.stderr.contains("a character device"))
        let temporary = try TemporaryDirectory()
        let (_, fifo) = try Self.fifo(in: temporary.path)
        let magicFIFO = try CLIRunner.run(
            ["sniff", PackagePaths.sample("promo/01-cover.jpg"), "--magic", fifo], timeLimit: Self.limit)
        #expect(magicFIFO.status == 2)
        #expect(magicFIFO.stderr.contains("a FIFO"))
        let environment = try CLIRunner.run(
            ["sniff", PackagePaths.sample("promo/01-cover.jpg")], environment: ["MAGIC": "/dev/zero"],
            timeLimit: Self.limit)
        #expect(environment.status == 2)
    }

    @Test func aTextFileAsMagicDatabaseIsNamedNotEchoed() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let secret = "\(directory)/passwd"
        try Data("root:x:0:0:secret-content-line:/root:/bin/bash\n".utf8).write(to: URL(fileURLWithPath: secret))
        let result = try CLIRunner.run(
            ["sniff", PackagePaths.sample("promo/01-cover.jpg"), "--magic", secret], timeLimit: Self.limit)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'\(secret)'"))
        #expect(result.stderr.contains("is not a libmagic database"))
        #expect(!result.stderr.contains("secret-content-line"))
        let passwd = try CLIRunner.run(
            ["lint", "--magic", "/etc/passwd", PackagePaths.sample("promo")], timeLimit: Self.limit)
        #expect(passwd.status == 2)
        #expect(!passwd.stderr.contains("root:"))
    }

    @Test func brokenSymlinksAndLoopsAreNamed() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/01-cover.jpg"))).write(
            to: URL(fileURLWithPath: "\(directory)/a.jpg"))
        #expect(symlink("\(directory)/missing.json", "\(directory)/dangling.json") == 0)
        try FileManager.default.createDirectory(atPath: "\(directory)/sub", withIntermediateDirectories: true)
        #expect(symlink("loop", "\(directory)/sub/loop") == 0)
        let sniff = try CLIRunner.run(["sniff", directory], timeLimit: Self.limit)
        #expect(sniff.status == 2)
        #expect(sniff.stdoutText.contains("\(directory)/dangling.json: unreadable:"))
        #expect(sniff.stdoutText.contains("symlink to nothing"))
        #expect(sniff.stdoutText.contains("\(directory)/sub/loop: unreadable:"))
        #expect(sniff.stdoutText.contains("symlink loop"))
        #expect(sniff.stdoutText.contains("a.jpg: image/jpeg"))
        let lint = try CLIRunner.run(["lint", directory], timeLimit: Self.limit)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains("\(directory)/dangling.json") && lint.stderr.contains("\(directory)/sub/loop"))
        let named = try CLIRunner.run(["lint", "\(directory)/dangling.json"], timeLimit: Self.limit)
        #expect(named.status == 2)
        #expect(named.stderr.contains("symlink to nothing"))
    }

    @Test func unreadableFilesAndDirectoriesExitTwo() throws {
        guard CLIRunner.canRunAsNobody else { return }  // needs setpriv and a binary nobody may run
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let message = "\(directory)/message"
        try FileManager.default.createDirectory(atPath: message, withIntermediateDirectories: true)
        try Data("新品上市。回T退订\n".utf8).write(to: URL(fileURLWithPath: "\(message)/01-text.txt"))
        try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/01-cover.jpg"))).write(
            to: URL(fileURLWithPath: "\(message)/01-photo.jpg"))
        chmod("\(message)/01-photo.jpg", 0)
        let build = try CLIRunner.run(["build", message], timeLimit: Self.limit, asNobody: true)
        #expect(build.status == 2, "\(build.stderr)")
        #expect(build.stderr.contains("01-photo.jpg") && build.stderr.contains("Permission denied"))
        #expect(!build.stderr.contains("file-read"))
        let lintFile = try CLIRunner.run(["lint", message], timeLimit: Self.limit, asNobody: true)
        #expect(lintFile.status == 2)
        let closed = "\(directory)/closed"
        try FileManager.default.createDirectory(atPath: "\(closed)/inner", withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: URL(fileURLWithPath: "\(closed)/inner/a.json"))
        chmod("\(closed)/inner", 0)
        let lintDirectory = try CLIRunner.run(["lint", closed], timeLimit: Self.limit, asNobody: true)
        #expect(lintDirectory.status == 2, "\(lintDirectory.stdoutText)")
        #expect(lintDirectory.stderr.contains("\(closed)/inner"))
        let sniffDirectory = try CLIRunner.run(["sniff", closed], timeLimit: Self.limit, asNobody: true)
        #expect(sniffDirectory.status == 2)
        #expect(sniffDirectory.stdoutText.contains("\(closed)/inner: unreadable:"))
        chmod(closed, 0)
        let lintClosed = try CLIRunner.run(["lint", closed], timeLimit: Self.limit, asNobody: true)
        #expect(lintClosed.status == 2)
        #expect(lintClosed.stderr.contains(closed))
        #expect(!CLIRunner.rulesKnow("file-read"))
    }

    @Test func lintRefusesAMediaFileNamedDirectly() throws {
        let result = try CLIRunner.run(["lint", PackagePaths.sample("promo/01-cover.jpg")], timeLimit: Self.limit)
        #expect(result.status == 2)
        #expect(result.stderr.contains("lint takes templates (.json) or media directories"))
        #expect(result.stderr.contains("mmskit sniff"))
        #expect(!result.stderr.contains("json-syntax"))
    }

    @Test func appendedBytesAreAWarningInBuildAndSniff() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        var jpeg = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/01-cover.jpg")))
        jpeg.append(contentsOf: [0x50, 0x4B, 0x03, 0x04] + Array("polyglot".utf8))
        try jpeg.write(to: URL(fileURLWithPath: "\(directory)/01-photo.jpg"))
        let build = try CLIRunner.run(["build", directory], timeLimit: Self.limit)
        #expect(build.status == 0)
        #expect(
            build.stderr.contains("has 12 bytes after the end of the JPEG image")
                && build.stderr.contains("[media-trailing-data]"))
        let sniff = try CLIRunner.run(["sniff", "\(directory)/01-photo.jpg"], timeLimit: Self.limit)
        #expect(sniff.status == 0)
        #expect(sniff.stdoutText.contains("warning: 12 bytes after the end [media-trailing-data]"))
    }

    @Test func inspectCountsOneItemInTheSingular() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Data("新品上市。回T退订\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/01-text.txt"))
        let result = try CLIRunner.run(["inspect", directory], timeLimit: Self.limit)
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("1 frame, 1 item;"))
    }
}

extension CLIRunner {
    /// Whether `mmskit rules` lists a rule id.
    static func rulesKnow(_ id: String) -> Bool {
        (try? run(["rules", id]).status) == 0
    }
}
