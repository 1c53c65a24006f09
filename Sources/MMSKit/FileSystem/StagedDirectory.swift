import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory written all at once: its files go into a temporary sibling that ``commit()`` renames into place,
/// so a failure leaves nothing behind. The target must not exist, or be an empty directory.
public struct StagedDirectory: Sendable {
    /// The directory to create, as given (without a trailing slash).
    public let target: String
    /// The temporary sibling the files are written into.
    public let path: String
    /// What the command is doing, for error messages ("unpack into", "fit into").
    let operation: String

    /// Checks `directory` and creates the temporary sibling.
    /// - Throws: when `directory` is a file or a directory that is not empty, or the sibling cannot be created.
    public init(_ directory: String, operation: String) throws(FileSystemError) {
        let target = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw FileSystemError(path: target, operation: operation, reason: "it is a file; name a new directory")
            }
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
            guard existing.isEmpty else {
                throw FileSystemError(
                    path: target, operation: operation,
                    reason: "the directory is not empty; name a new or empty directory")
            }
        }
        let url = URL(fileURLWithPath: target)
        let parent = url.deletingLastPathComponent().path
        let temporary = "\(parent)/.\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard mkdir(temporary, 0o777) == 0 else {
            throw .fromErrno(
                errno, path: target, operation: "\(operation) (creating a temporary directory in '\(parent)')")
        }
        self.target = target
        self.path = temporary
        self.operation = operation
    }

    /// Renames the temporary directory into place (replacing an empty target).
    public func commit() throws(FileSystemError) {
        guard rename(path, target) == 0 else {
            throw FileSystemError.fromErrno(
                errno, path: target, operation: "\(operation) (renaming the temporary directory)")
        }
    }

    /// Removes the temporary directory and everything in it.
    public func discard() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
