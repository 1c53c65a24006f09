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

    /// The path named in errors: the list as the user gave it.
    let path: String
    /// The file's size when opened (a hint only: the file is read to its end whatever it is).
    let size: Int
    /// Whether it is a regular file (one that can be read again); pipes, FIFOs and devices are not.
    let isRegularFile: Bool
    private var descriptor: Int32

    /// Opens `path` (or `name` in errors, when reading a copy of the list the user named).
    init(path: String, name: String? = nil) throws(RecipientListError) {
        self.path = name ?? path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.error(errno, path: name ?? path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            _ = Self.closeDescriptor(descriptor)
            throw Self.error(code, path: name ?? path)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            _ = Self.closeDescriptor(descriptor)
            throw .unreadable(path: name ?? path, reason: "it is a directory, not a file")
        }
        self.descriptor = descriptor
        isRegularFile = status.st_mode & S_IFMT == S_IFREG
        size = isRegularFile ? Int(status.st_size) : 0
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
