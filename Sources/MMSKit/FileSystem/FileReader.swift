import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files: up to 1 MiB with plain `read` into uninitialised memory (measured faster than mapping on
/// a corpus of 10 KB–1 MB templates), larger ones mapped with `MAP_POPULATE` so that a 50 MiB message is not
/// copied before it is encoded.
enum FileReader {
    /// Files at least this large are mapped instead of read.
    static let mappingThreshold = 1 << 20

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
            // Mapped with MAP_POPULATE: the pages are faulted in by one call rather than one fault per page.
            if let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), mapped != MAP_FAILED {
                return Data(bytesNoCopy: mapped, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
            }
        }
        // Read into uninitialised memory handed to Data without a copy (zero-filling first costs as much as
        // the read); a file that grows while being read is read to its end.
        var capacity = max(size, 4096)
        var storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var filled = 0
        while true {
            if filled == capacity {
                let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                larger.copyMemory(from: storage, byteCount: filled)
                storage.deallocate()
                storage = larger
                capacity *= 2
            }
            let count = Glibc.read(descriptor, storage + filled, capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                let code = errno
                storage.deallocate()
                throw .fromErrno(code, path: path, operation: "read")
            }
            if count == 0 { break }
            filled += count
        }
        return Data(bytesNoCopy: storage, count: filled, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}
