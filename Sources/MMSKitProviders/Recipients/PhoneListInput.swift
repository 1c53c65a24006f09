import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A phone list as the user named it, readable as often as a campaign needs (once for its fingerprint, once for
/// its numbers). A regular file is read in place. A pipe, a FIFO or a character device (`--phones /dev/stdin`,
/// `<(…)`) can be read only once, so it is copied first, through the same 64 KiB buffer, into a private
/// temporary file (mode 0600, removed when this is released); a stream over `maximumStreamBytes` is refused
/// rather than filling the disk.
public final class PhoneListInput: Sendable {
    /// The largest list read from a stream: 1 GiB, some 70 million numbers. Save a larger list to a file.
    public static let maximumStreamBytes = 1 << 30

    /// The path as the user gave it: what messages and the journal name.
    public let name: String
    /// The regular file to read: `name` itself, or the temporary copy of a stream.
    public let path: String
    /// Whether `path` is a temporary copy that is removed with this value.
    public let isCopy: Bool

    /// Opens `name`, copying it to a temporary file when it is not a regular file.
    public init(name: String, maximumStreamBytes: Int = PhoneListInput.maximumStreamBytes) throws(RecipientListError) {
        self.name = name
        let source = try PhoneListFile(path: name)
        guard !source.isRegularFile else {
            path = name
            isCopy = false
            return
        }
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/mmskit-phones-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .unreadable(
                path: name,
                reason: "cannot copy it to a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        let copy = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        path = copy
        isCopy = true
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: PhoneListFile.bufferSize, alignment: 16)
        defer {
            buffer.deallocate()
            close(descriptor)
        }
        var total = 0
        do throws(RecipientListError) {
            while true {
                let count = try source.read(into: buffer)
                if count == 0 { break }
                total += count
                guard total <= maximumStreamBytes else {
                    throw .unreadable(
                        path: name,
                        reason:
                            "it is a stream of more than \(maximumStreamBytes >> 20) MiB; save the list to a file and name that"
                    )
                }
                var offset = 0
                while offset < count {
                    let written = write(descriptor, buffer.baseAddress! + offset, count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw .unreadable(
                            path: name, reason: "cannot copy it to \(copy): \(String(cString: strerror(errno)))")
                    }
                    offset += written
                }
            }
        } catch {
            unlink(copy)
            throw error
        }
    }

    deinit {
        if isCopy { unlink(path) }
    }
}
