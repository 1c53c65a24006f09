import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Results go to stdout, written in full or not at all where a file is named.
enum StandardOutput {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            try? AtomicFile.writeAll(UnsafeRawBufferPointer(bytes), to: STDOUT_FILENO, path: "<stdout>")
        }
    }

    /// Pretty, key-sorted JSON without `\/` escapes: stable for scripts and golden files.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints a report as `json(_:)` JSON.
    static func writeJSON(_ value: some Encodable) throws {
        write(try json(value) + "\n")
    }

    /// Streams JSON to `path` atomically, or to stdout when `path` is nil or `-`.
    static func emit(_ json: ContentJSON, to path: String?) throws(FileSystemError) {
        if let path, path != "-" {
            try AtomicFile.write(to: path) { (descriptor) throws(FileSystemError) in
                try json.write(to: descriptor, path: path)
            }
        } else {
            try json.write(to: STDOUT_FILENO, path: "<stdout>")
        }
    }
}
