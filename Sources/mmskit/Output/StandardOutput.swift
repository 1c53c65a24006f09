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

    /// Renders JSON to `path` atomically, or to stdout when `path` is nil or `-`.
    static func emit(_ json: ContentJSON, to path: String?) throws {
        if let path, path != "-" {
            try AtomicFile.write(to: path, byteCount: json.byteCount) { json.render(into: $0) }
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(json.byteCount, 1), alignment: 16)
        defer { buffer.deallocate() }
        let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<json.byteCount])
        json.render(into: bytes)
        try AtomicFile.writeAll(UnsafeRawBufferPointer(bytes), to: STDOUT_FILENO, path: "<stdout>")
    }
}
