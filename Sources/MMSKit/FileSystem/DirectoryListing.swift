#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in one directory, read with `opendir`/`readdir` so that nothing is dropped silently: a name that
/// is not valid UTF-8 (a file copied from a GBK or Shift-JIS system) is kept, escaped, in `invalidNames`.
public struct DirectoryListing: Sendable, Equatable {
    /// The entries' names, sorted, without `.` and `..`.
    public var names: [String]
    /// Names that are not valid UTF-8, shown with every byte outside printable ASCII as `\xNN`.
    public var invalidNames: [String]

    /// Lists `directory`.
    /// - Throws: `FileSystemError` naming the directory when it cannot be opened or read.
    public static func read(_ directory: String) throws(FileSystemError) -> DirectoryListing {
        guard let stream = opendir(directory) else { throw .fromErrno(errno, path: directory, operation: "list") }
        defer { closedir(stream) }
        var listing = DirectoryListing(names: [], invalidNames: [])
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw .fromErrno(errno, path: directory, operation: "list") }
                break
            }
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                listing.names.append(name)
            } else {
                listing.invalidNames.append(escaped(bytes))
            }
        }
        listing.names.sort()
        listing.invalidNames.sort()
        return listing
    }

    /// The message for a name that is not valid UTF-8, naming it as `path` (escaped) and what to do.
    public static func invalidNameReason(_ shown: String) -> String {
        "the file name \(shown) is not valid UTF-8 (bytes shown as \\xNN); rename it with a UTF-8 name "
            + "(for example convmv -f gbk -t utf-8 --notest)"
    }

    /// Printable ASCII as is (a backslash doubled), every other byte as `\xNN`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte == 0x5C {
                text += "\\\\"
            } else if byte >= 0x20 && byte < 0x7F {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                text += "\\x" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return text
    }
}
