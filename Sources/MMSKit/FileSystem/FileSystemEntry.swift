#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path found or named, with what it is once symlinks are followed.
public struct FileSystemEntry: Sendable, Hashable {
    /// What a path is once symlinks are followed.
    public enum Kind: Sendable, Hashable {
        /// A regular file, possibly reached through symlinks.
        case regularFile
        /// A directory, possibly reached through symlinks.
        case directory
        /// A FIFO, a device or a socket, described for messages ("a FIFO (named pipe)").
        case other(String)
    }

    /// The path as it is shown and opened (`DIR/name`).
    public var path: String
    /// What the path is: a regular file, a directory, or something else.
    public var kind: Kind

    /// What `path` is, following symlinks.
    /// - Throws: `FileSystemError` naming the path when it does not exist, is a symlink to nothing or a
    ///   symlink loop, or cannot be examined.
    public static func resolve(_ path: String) throws(FileSystemError) -> FileSystemEntry {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .fromErrno(errno, path: path, operation: "read") }
        let kind: Kind
        switch status.st_mode & S_IFMT {
        case S_IFREG: kind = .regularFile
        case S_IFDIR: kind = .directory
        default: kind = .other(FileReader.describe(mode: status.st_mode))
        }
        return FileSystemEntry(path: path, kind: kind)
    }
}
