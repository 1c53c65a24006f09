import Foundation
import MMSKit
import Synchronization

/// The converter programs, found on `PATH` once, and the one way fitting runs them: a subprocess with its
/// output in files of the scratch directory (read back bounded), killed when it overruns its time limit.
public struct MediaToolbox: Sendable {
    /// Each program's path.
    public let executables: [MediaTool: String]
    /// The longest any one run may take.
    public var timeLimit: Duration
    /// Runs at once: one per core.
    let slots: ToolSlots

    /// A toolbox with the given programs.
    public init(executables: [MediaTool: String], timeLimit: Duration, concurrentRuns: Int) {
        self.executables = executables
        self.timeLimit = timeLimit
        self.slots = ToolSlots(concurrentRuns)
    }

    /// Finds every program on `searchPath` (default: the `PATH` environment variable).
    /// - Throws: `.converterMissing` naming the first program not found and its Debian package.
    public static func locate(
        searchPath: String? = ProcessInfo.processInfo.environment["PATH"], timeLimit: Duration = .seconds(1800)
    ) throws(FitError) -> MediaToolbox {
        let directories = (searchPath ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var found: [MediaTool: String] = [:]
        for tool in MediaTool.allCases {
            guard
                let path = directories.lazy.map({ "\($0)/\(tool.rawValue)" }).first(where: {
                    FileManager.default.isExecutableFile(atPath: $0)
                })
            else { throw .converterMissing(tool: tool) }
            found[tool] = path
        }
        return MediaToolbox(
            executables: found, timeLimit: timeLimit,
            concurrentRuns: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// What a run printed (each bounded) and its exit status.
    struct Output: Sendable {
        var status: Int32
        var standardOutput: Data
        var standardError: String

        /// The last lines of standard error, for a message.
        var errorSummary: String {
            let lines = standardError.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            // The lines that say what went wrong, else the last ones.
            let errors = lines.filter { $0.localizedCaseInsensitiveContains("error") || $0.contains("Invalid") }
            return DisplayText.escaped((errors.isEmpty ? lines.suffix(3) : errors.prefix(3)).joined(separator: " / "))
        }
    }

    /// Runs `tool` with `arguments`; `file` names the input in errors, `scratch` holds its output files.
    /// - Throws: `.converterFailed` when it exits non-zero and `check` is set, `.converterTimedOut` when it
    ///   overruns ``timeLimit``.
    func run(
        _ tool: MediaTool, _ arguments: [String], file: String, scratch: String, check: Bool = true,
        environment extra: [String: String] = [:]
    ) async throws(FitError) -> Output {
        await slots.acquire()
        defer { slots.release() }
        let id = UUID().uuidString
        let outPath = "\(scratch)/.\(tool.rawValue)-\(id).out"
        let errPath = "\(scratch)/.\(tool.rawValue)-\(id).err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
            FileManager.default.createFile(atPath: errPath, contents: nil),
            let outHandle = FileHandle(forWritingAtPath: outPath),
            let errHandle = FileHandle(forWritingAtPath: errPath)
        else {
            throw .fileSystem(FileSystemError(path: scratch, operation: "write to", reason: "cannot create a file"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executables[tool]!)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        // libvips would start a thread per core in each run; fitting already runs one job per core.
        environment["VIPS_CONCURRENCY"] = "1"
        environment["VIPS_WARNING"] = "0"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let limit = timeLimit
        let timedOut = TimeoutFlag()
        let status: Int32
        let timer = Task {
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled, process.isRunning else { return }
            timedOut.set()
            process.terminate()
        }
        defer { timer.cancel() }
        do {
            status = try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                    return
                }
            }
        } catch {
            try? outHandle.close()
            try? errHandle.close()
            throw .converterFailed(tool: tool, file: file, status: -1, message: "it could not be started: \(error)")
        }
        try? outHandle.close()
        try? errHandle.close()
        if timedOut.isSet {
            throw .converterTimedOut(tool: tool, file: file, seconds: Int(limit.components.seconds))
        }
        let output = Output(
            status: status, standardOutput: Self.read(outPath, limit: 16 << 20),
            standardError: String(decoding: Self.read(errPath, limit: 1 << 20, tail: true), as: UTF8.self))
        if check && status != 0 {
            throw .converterFailed(tool: tool, file: file, status: status, message: output.errorSummary)
        }
        return output
    }

    /// At most `limit` bytes of a file: its start, or with `tail` its end.
    private static func read(_ path: String, limit: Int, tail: Bool = false) -> Data {
        guard let handle = FileHandle(forReadingAtPath: path) else { return Data() }
        defer { try? handle.close() }
        if tail, let size = try? handle.seekToEnd(), size > UInt64(limit) {
            try? handle.seek(toOffset: size - UInt64(limit))
        } else {
            try? handle.seek(toOffset: 0)
        }
        return (try? handle.read(upToCount: limit)) ?? Data()
    }
}

/// Set once by the timer that stops a run that overran, read after the run ended.
private final class TimeoutFlag: Sendable {
    private let state = Mutex(false)
    func set() { state.withLock { $0 = true } }
    var isSet: Bool { state.withLock { $0 } }
}
