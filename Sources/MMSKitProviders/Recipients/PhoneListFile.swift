#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A phone list opened for reading with POSIX `open`/`read`, errors naming the path. Closed at the end of the
/// file, by `close()`, or when released.
final class PhoneListFile {
    /// The size of the read buffers used on phone lists: lines are read in blocks of this many bytes.
    static let bufferSize = 64 * 1024

    let path: String
    /// The file's size when opened (a hint only: the file is read to its end whatever it is).
    let size: Int
    private var descriptor: Int32

    init(path: String) throws(RecipientListError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(errno, path: path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = Self.closeDescriptor(descriptor)
            throw Self.error(code, path: path)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            _ = Self.closeDescriptor(descriptor)
            throw .unreadable(path: path, reason: "it is a directory, not a file")
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close() }

    /// Reads up to `buffer.count` bytes into `buffer`; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(RecipientListError) -> Int {
        guard descriptor >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, base, buffer.count)
            #elseif canImport(Musl)
            let count = Musl.read(descriptor, base, buffer.count)
            #else
            let count = Darwin.read(descriptor, base, buffer.count)
            #endif
            if count >= 0 {
                if count == 0 { close() }
                return count
            }
            if errno == EINTR { continue }
            let code = errno
            close()
            throw Self.error(code, path: path)
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Self.closeDescriptor(descriptor)
        descriptor = -1
    }

    private static func closeDescriptor(_ descriptor: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #elseif canImport(Musl)
        Musl.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
    }

    private static func error(_ code: Int32, path: String) -> RecipientListError {
        .unreadable(path: path, reason: String(cString: strerror(code)))
    }
}
