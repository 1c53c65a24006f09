/// A file could not be read or written: the tool's environment, not the content, is at fault (exit status 2).
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as the user gave it or as it was found.
    public var path: String
    /// What was being done, as a verb: `read`, `write`, `list`, `build from`.
    public var operation: String
    /// Why it failed, e.g. the system's error text.
    public var reason: String

    /// An error saying that `operation` on `path` failed because of `reason`.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// An error from the current `errno`; a missing target of a symlink and a symlink loop are named as such.
    public static func fromErrno(_ code: Int32, path: String, operation: String) -> FileSystemError {
        var status = stat()
        if code == ENOENT, lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
            return FileSystemError(
                path: path, operation: operation,
                reason: "it is a symlink to nothing (its target does not exist); fix or remove it")
        }
        if code == ENOENT {
            return FileSystemError(path: path, operation: operation, reason: "no such file or directory")
        }
        if code == ELOOP {
            return FileSystemError(
                path: path, operation: operation,
                reason: "it is a symlink loop (too many levels of symbolic links); fix or remove it")
        }
        return FileSystemError(path: path, operation: operation, reason: String(cString: strerror(code)))
    }

    /// One error naming every path of `errors` (the first in full, then the others), or nil when there are none:
    /// a walk or a build reports every entry it could not read, not just the first.
    static func combining(_ errors: [FileSystemError]) -> FileSystemError? {
        guard var first = errors.first else { return nil }
        let others = errors.dropFirst()
        if !others.isEmpty {
            first.reason += "; also " + others.map(\.description).joined(separator: "; ")
        }
        return first
    }

    /// `cannot OPERATION 'PATH': REASON`.
    public var description: String { "cannot \(operation) '\(path)': \(reason)" }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemError: ClassifiedFailure {
    /// A path that cannot be read or written is a failure of the tool's environment (exit status 2).
    public var isContentError: Bool { false }
}
