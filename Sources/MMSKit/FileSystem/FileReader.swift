import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files: small ones with plain `read` (a map and unmap costs more than copying a few KiB),
/// large ones memory-mapped so that a 50 MiB message is not copied before it is encoded.
enum FileReader {
    /// Files at least this large are mapped instead of read.
    static let mappingThreshold = 256 << 10

    static func read(_ path: String) throws(FileSystemError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fromErrno(errno, path: path, operation: "read") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fromErrno(errno, path: path, operation: "read") }
        if status.st_mode & S_IFMT == S_IFDIR {
            throw FileSystemError(path: path, operation: "read", reason: "it is a directory")
        }
        let size = Int(status.st_size)
        if size >= mappingThreshold {
            do {
                return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            } catch {
                throw FileSystemError(path: path, operation: "read", reason: error.localizedDescription)
            }
        }
        var data = Data(count: size)
        var filled = 0
        while true {
            if filled == data.count { data.count += max(4096, data.count) }
            let count = data.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno(errno, path: path, operation: "read")
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return data
    }
}
