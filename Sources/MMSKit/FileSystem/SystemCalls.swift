#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls whose names or fields differ between Linux (Glibc) and macOS (Darwin), in one place.
enum SystemCalls {
    /// `read(2)`, for types that have a `read` of their own.
    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #elseif canImport(Darwin)
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    /// Flags for private anonymous memory; on Linux the pages are also faulted in by the `mmap` call itself.
    static let anonymousMappingFlags: Int32 = {
        #if canImport(Glibc)
        MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE
        #elseif canImport(Darwin)
        MAP_PRIVATE | MAP_ANON
        #endif
    }()
}

extension stat {
    /// The last modification time (`st_mtim` on Linux, `st_mtimespec` on macOS).
    var modificationTime: timespec {
        #if canImport(Glibc)
        st_mtim
        #elseif canImport(Darwin)
        st_mtimespec
        #endif
    }
}
