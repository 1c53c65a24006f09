import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file or nothing: bytes go to a temporary file beside the target, which is renamed over it
/// only when every byte is written, so a failure never leaves a partial or truncated output.
public enum AtomicFile {
    /// Writes `data` to `path`.
    public static func write(
        _ data: Data, to path: String, protecting inputs: InputFiles = InputFiles()
    ) throws(FileSystemError) {
        try data.withUnsafeBytes { bytes in
            Result { () throws(FileSystemError) in try write(bytes, to: path, protecting: inputs) }
        }.get()
    }

    /// Writes `bytes` to `path` through a temporary file and a rename.
    public static func write(
        _ bytes: UnsafeRawBufferPointer, to path: String, protecting inputs: InputFiles = InputFiles()
    ) throws(FileSystemError) {
        try write(to: path, protecting: inputs) { (descriptor) throws(FileSystemError) in
            try writeAll(bytes, to: descriptor, path: path)
        }
    }

    /// Creates a temporary file beside `path`, lets `produce` write into its descriptor, and renames it over
    /// `path` only when `produce` returns; on any error the temporary file is removed and `path` is untouched.
    ///
    /// Only a new path or an existing regular file is replaced, keeping that file's permissions: a symbolic
    /// link, a directory, a device or a FIFO is refused rather than turned into a regular file, and so is a file
    /// that is one of `inputs` (the command's own input, which the output would destroy).
    public static func write(
        to path: String, protecting inputs: InputFiles = InputFiles(),
        _ produce: (Int32) throws(FileSystemError) -> Void
    ) throws(FileSystemError) {
        let output = try PendingOutput(replacing: path, protecting: inputs)
        do throws(FileSystemError) {
            try produce(output.descriptor)
        } catch {
            output.abandon()
            throw error
        }
        try output.commit()
    }

    /// A temporary file beside the output being written: it replaces the output (keeping an existing file's
    /// permissions) on `commit`, or disappears on `abandon`. Shared by the plain and the async writers.
    struct PendingOutput {
        let path: String
        let temporary: String
        let descriptor: Int32

        init(replacing path: String, protecting inputs: InputFiles) throws(FileSystemError) {
            let url = URL(fileURLWithPath: path)
            let directory = url.deletingLastPathComponent().path
            let existingMode = try AtomicFile.replaceableMode(of: path, inputs: inputs)
            let temporary =
                "\(directory)/.\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else {
                throw .fromErrno(errno, path: path, operation: "write (creating a temporary file in '\(directory)')")
            }
            if let existingMode, fchmod(descriptor, existingMode) != 0 {
                let code = errno
                close(descriptor)
                unlink(temporary)
                throw .fromErrno(code, path: path, operation: "write (keeping the file's permissions)")
            }
            self.path = path
            self.temporary = temporary
            self.descriptor = descriptor
        }

        /// Closes the temporary file and renames it over the output.
        func commit() throws(FileSystemError) {
            guard close(descriptor) == 0 else {
                let code = errno
                unlink(temporary)
                throw .fromErrno(code, path: path, operation: "write")
            }
            guard rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw .fromErrno(code, path: path, operation: "write (renaming the temporary file)")
            }
        }

        /// Closes and removes the temporary file; the output is untouched.
        func abandon() {
            close(descriptor)
            unlink(temporary)
        }
    }

    /// The permission bits of the regular file at `path` (nil when there is none yet), or why it must not be
    /// replaced.
    static func replaceableMode(of path: String, inputs: InputFiles) throws(FileSystemError) -> mode_t? {
        var status = stat()
        guard lstat(path, &status) == 0 else {
            guard errno == ENOENT else { throw .fromErrno(errno, path: path, operation: "write") }
            if inputs.contains(path: path, identity: nil) { throw isAnInput(path) }
            return nil
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what =
                switch kind {
                case S_IFDIR: "a directory; name a file"
                case S_IFLNK:
                    "a symbolic link; mmskit replaces only regular files: name the file it points to, or another path"
                case S_IFIFO: "a FIFO; mmskit writes only regular files (use stdout to feed a pipe)"
                case S_IFCHR, S_IFBLK: "a device; mmskit writes only regular files (use stdout to write elsewhere)"
                case S_IFSOCK: "a socket; mmskit writes only regular files"
                default: "not a regular file; mmskit writes only regular files"
                }
            throw FileSystemError(path: path, operation: "write", reason: "it is \(what)")
        }
        if inputs.contains(
            path: path, identity: FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)))
        {
            throw isAnInput(path)
        }
        return status.st_mode & 0o7777
    }

    private static func isAnInput(_ path: String) -> FileSystemError {
        FileSystemError(
            path: path, operation: "write",
            reason: "it is one of this command's inputs and writing it would destroy it; name another output file")
    }

    /// Writes every byte to an open descriptor, retrying short writes and interruptions.
    public static func writeAll(
        _ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String
    )
        throws(FileSystemError)
    {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .fromErrno(errno, path: path, operation: "write")
            }
            offset += written
        }
    }
}
