import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A server command of the built `mmskit` (`receipts serve`, `sandbox`) running as a child process: started,
/// its first stdout line (`listening on URL`, `sandbox on URL`) read for the URL, then stopped with a signal.
public final class ServerProcess: @unchecked Sendable {
    public let url: URL
    public let process: Process
    private let errors: URL

    /// Starts `mmskit arguments…` and waits (up to `timeLimit` seconds) for the line announcing its URL.
    public init(
        _ arguments: [String], environment: [String: String] = [:], directory: String, timeLimit: Double = 60
    ) throws {
        process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe.closingOnExec()
        errors = URL(fileURLWithPath: directory).appendingPathComponent("server-\(UUID().uuidString).stderr")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let deadline = Date().addingTimeInterval(timeLimit)
        let handle = output.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) && Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let first = String(decoding: line.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard let range = first.range(of: "http://"), let url = URL(string: String(first[range.lowerBound...])) else {
            process.terminate()
            process.waitUntilExit()
            let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw ServerProcessError(
                "mmskit \(arguments.joined(separator: " ")) did not announce its URL: \(first) \(text)")
        }
        self.url = url
    }

    /// What the server wrote to stderr so far.
    public var standardError: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

    /// Sends `signal` and waits for the process to end; returns its exit status (or the signal number).
    @discardableResult
    public func stop(_ signal: Int32 = SIGTERM) -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// How the process ended: `.exit` or `.uncaughtSignal`.
    public var terminationReason: Process.TerminationReason { process.terminationReason }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

public struct ServerProcessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
