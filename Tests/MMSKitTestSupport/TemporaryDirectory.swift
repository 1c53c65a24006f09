import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fresh empty directory under the system temporary directory, removed with everything in it when the
/// instance is released. Hold the instance while its path is in use:
/// `let directory = try TemporaryDirectory()` in a test, or `try TemporaryDirectory.with { directory in … }`
/// (also `async`).
public final class TemporaryDirectory: Sendable {
    public let url: URL

    /// The directory's absolute path.
    public var path: String { url.path }

    /// - Parameter prefix: the start of the directory's name, to tell whose it is in a listing.
    public init(_ prefix: String = "mmskit-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A directory holding these files (name → bytes).
    public convenience init(files: [String: Data]) throws {
        try self.init()
        for (name, data) in files {
            try data.write(to: url.appendingPathComponent(name))
        }
    }

    deinit { remove() }

    /// The absolute path of `relative` inside the directory.
    public func appending(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    /// Removes the directory now (the instance removes it when released anyway), making locked
    /// subdirectories writable first so that tests which `chmod 000` a directory still clean up.
    public func remove() {
        let manager = FileManager.default
        guard (try? manager.removeItem(at: url)) == nil, manager.fileExists(atPath: path) else { return }
        Self.unlock(path)
        try? manager.removeItem(at: url)
    }

    private static func unlock(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        chmod(path, 0o700)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            unlock("\(path)/\(name)")
        }
    }

    /// Runs `body` with a fresh directory and removes the directory afterwards.
    public static func with<Result>(
        _ prefix: String = "mmskit-test", _ body: (TemporaryDirectory) throws -> Result
    ) throws -> Result {
        let directory = try TemporaryDirectory(prefix)
        defer { directory.remove() }
        return try body(directory)
    }

    /// Runs `body` with a fresh directory and removes the directory afterwards.
    public static func with<Result>(
        _ prefix: String = "mmskit-test", _ body: (TemporaryDirectory) async throws -> Result
    ) async throws -> Result {
        let directory = try TemporaryDirectory(prefix)
        defer { directory.remove() }
        return try await body(directory)
    }
}
