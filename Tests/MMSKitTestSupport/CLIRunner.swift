import Foundation

/// Runs the built `mmskit` binary and captures what it printed, like argument-parser's AssertExecuteCommand.
public enum CLIRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `mmskit` executable next to the test bundle (`swift test` builds every product).
    public static let binary: URL = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("mmskit"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mmskit"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mmskit"),
            PackagePaths.root.appendingPathComponent(".build/debug/mmskit"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// The `mmskit-server` executable beside it, which `mmskit` starts for the network commands.
    public static var serverBinary: URL {
        binary.deletingLastPathComponent().appendingPathComponent("mmskit-server")
    }

    /// Runs the binary (or `executable`) in `directory`, or in a fresh temporary directory that is removed afterwards (so that
    /// files a command writes beside itself, like default send journals, never land in the package root).
    /// With `timeLimit` (seconds) it runs under `timeout`, so a command that hangs (reading a FIFO, say) is
    /// killed and fails its test with status 124 or 137 instead of hanging the suite. With `asNobody` it runs
    /// as uid/gid 65534 through `setpriv` (root reads every file, nobody does not).
    /// - Parameters:
    ///   - environment: variables set on top of this process's environment (which gets `NO_COLOR=1`).
    ///   - standardOutput: a path to write stdout to (such as /dev/full) instead of capturing it.
    ///   - standardInput: bytes fed to stdin through a pipe (stdin is otherwise inherited).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeLimit: Int? = nil,
        asNobody: Bool = false, standardOutput: String? = nil, standardInput: Data? = nil, executable: URL? = nil
    ) throws -> Result {
        let binary = executable ?? binary
        let scratch = directory == nil ? try TemporaryDirectory("mmskit-cli-cwd") : nil
        defer { scratch?.remove() }
        let process = Process()
        var command = [binary.path] + arguments
        if asNobody { command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command }
        if let timeLimit { command = ["timeout", "-k", "5", String(timeLimit)] + command }
        if command.count > arguments.count + 1 {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? scratch!.path)
        let out = Pipe.closingOnExec()
        let err = Pipe.closingOnExec()
        process.standardOutput = out
        if let standardOutput {
            guard let handle = FileHandle(forWritingAtPath: standardOutput) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: standardOutput])
            }
            process.standardOutput = handle
            try? out.fileHandleForWriting.close()
        }
        process.standardError = err
        let input = standardInput.map { _ in Pipe.closingOnExec() }
        if let input { process.standardInput = input }
        try process.run()
        if let input, let standardInput {
            let writer = input.fileHandleForWriting
            Thread {
                writer.write(standardInput)
                try? writer.close()
            }.start()
        }
        // Read both pipes while the process runs so a large output cannot fill a pipe and block it.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `run` on a thread of its own, for async tests: waiting for a command that runs for seconds must not hold
    /// one of the few threads every test's tasks share (two on a 2-core machine), or in-process servers and
    /// timers of the tests running beside it starve.
    public static func runDetached(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil, timeLimit: Int? = nil
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Swift.Result {
                        try run(arguments, environment: environment, directory: directory, timeLimit: timeLimit)
                    })
            }.start()
        }
    }

    /// Whether `setpriv` can run the binary as nobody here (it needs the binary's path to be searchable by all).
    public static let canRunAsNobody: Bool = {
        (try? run(["--version"], asNobody: true).status) == 0
    }()
}
