import Foundation
import MMSKitTestSupport
import Testing

/// `mmskit` hands everything that goes on the network to `mmskit-server`, so that it links no networking, server
/// or database library and starts fast.
@Suite struct ServerExecutableTests {
    /// The mangled module names of the libraries only the server executable may hold.
    static let serverModules = [
        "NIOCore", "NIOPosix", "Hummingbird", "GRDB", "PostgresNIO", "MMSKitStore", "MMSKitProviders",
    ]

    @Test func mmskitLinksNoNetworkingServerOrDatabaseLibrary() throws {
        let mmskit = try Data(contentsOf: CLIRunner.binary)
        let server = try Data(
            contentsOf: CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("mmskit-server"))
        for module in Self.serverModules {
            #expect(mmskit.range(of: Data(module.utf8)) == nil, "mmskit holds \(module)")
            #expect(server.range(of: Data(module.utf8)) != nil, "mmskit-server lacks \(module): the check is void")
        }
    }

    @Test func receiptsHelpIsTheServerExecutablesHelp() throws {
        let result = try CLIRunner.run(["receipts", "stats", "--help"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("USAGE: mmskit receipts stats"))
        #expect(result.stdoutText.contains("--journal"))
    }

    @Test func aMissingServerExecutableIsNamedWithTheWayToBuildIt() throws {
        let result = try CLIRunner.run(
            ["receipts", "stats", "--db", "x.sqlite"], environment: ["MMSKIT_SERVER": "/nonexistent/mmskit-server"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot start /nonexistent/mmskit-server"))

        let scratch = try TemporaryDirectory("mmskit-lonely")
        defer { scratch.remove() }
        let lonely = scratch.url.appendingPathComponent("mmskit")
        try FileManager.default.copyItem(at: CLIRunner.binary, to: lonely)
        let process = Process()
        process.executableURL = lonely
        process.arguments = ["template", "status", "7"]
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        let err = Pipe.closingOnExec()
        process.standardError = err
        process.standardOutput = Pipe.closingOnExec()
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("mmskit-server was not found beside mmskit or on PATH"))
        #expect(message.contains("swift build --product mmskit-server"))
    }

    @Test func exitStatusAndOutputAreTheServerExecutables() throws {
        let scratch = try TemporaryDirectory("mmskit-status")
        defer { scratch.remove() }
        let missing = try CLIRunner.run([
            "template", "status", "7", "--db", scratch.url.appendingPathComponent("none.sqlite").path,
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("there is no such file"))
        let usage = try CLIRunner.run(["receipts", "list", "--kind", "bogus"])
        #expect(usage.status == 64)
    }
}
