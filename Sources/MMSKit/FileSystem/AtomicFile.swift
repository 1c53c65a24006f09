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
    public static func write(_ data: Data, to path: String) throws(FileSystemError) {
        try data.withUnsafeBytes { bytes in Result { () throws(FileSystemError) in try write(bytes, to: path) } }.get()
    }

    /// Writes `bytes` to `path` through a temporary file and a rename.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(FileSystemError) {
        try write(to: path) { (descriptor) throws(FileSystemError) in try writeAll(bytes, to: descriptor, path: path) }
    }

    /// Creates a temporary file beside `path`, lets `produce` write into its descriptor, and renames it over
    /// `path` only when `produce` returns; on any error the temporary file is removed and `path` is untouched.
    public static func write(
        to path: String, _ produce: (Int32) throws(FileSystemError) -> Void
    ) throws(FileSystemError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw FileSystemError(path: path, operation: "write", reason: "it is a directory; name a file")
        }
        let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .fromErrno(errno, path: path, operation: "write (creating a temporary file in '\(directory)')")
        }
        do throws(FileSystemError) {
            try produce(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
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

    /// Writes every byte to an open descriptor, retrying short writes and interruptions.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String)
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
