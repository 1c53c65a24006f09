import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// `write(to:protecting:_:)` for a producer that awaits (records streamed from a database): the file appears
    /// at `path` only when `produce` returns, and on any error the temporary file is removed and `path` untouched.
    public static func writeStreaming(
        to path: String, protecting inputs: Set<FileIdentity> = [], _ produce: (Int32) async throws -> Void
    ) async throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let existingMode = try replaceableMode(of: path, inputs: inputs)
        let temporary = "\(directory)/.\(url.lastPathComponent).\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileSystemError.fromErrno(errno, path: path, operation: "write (creating a temporary file in '\(directory)')")
        }
        do {
            if let existingMode, fchmod(descriptor, existingMode) != 0 {
                throw FileSystemError.fromErrno(errno, path: path, operation: "write (keeping the file's permissions)")
            }
            try await produce(descriptor)
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError.fromErrno(code, path: path, operation: "write")
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError.fromErrno(code, path: path, operation: "write (renaming the temporary file)")
        }
    }
}
