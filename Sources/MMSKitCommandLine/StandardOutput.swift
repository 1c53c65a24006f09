import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Results go to stdout, written in full or not at all where a file is named. A result that cannot be written
/// (a full disk, a closed descriptor) is a failure of the tool: a `FileSystemError`, which the entry point
/// reports with exit status 2, never 0 with a lost result.
public enum StandardOutput {
    /// Writes a result for a person, with every control character other than newline and tab escaped
    /// (`DisplayText`): a file name or a provider's text cannot act on the terminal.
    /// (Untyped `throws`, though only a `FileSystemError` is thrown: Swift 6.3.1's optimiser crashed — signal 11,
    /// splitting the coroutine — on the commands' async `run()`s calling a typed-throws write in a release build.)
    public static func write(_ text: String) throws {
        try writeRaw(DisplayText.escaped(text, keepingLines: true))
    }

    /// Writes `text` as it is: reports in machine formats, and text whose values are escaped already.
    public static func writeRaw(_ text: String) throws {
        var text = text
        let failure = text.withUTF8 { bytes -> FileSystemError? in
            do throws(FileSystemError) {
                try AtomicFile.writeAll(UnsafeRawBufferPointer(bytes), to: STDOUT_FILENO, path: "<stdout>")
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Pretty, key-sorted JSON without `\/` escapes: stable for scripts and golden files.
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Prints a report as `json(_:)` JSON.
    public static func writeJSON(_ value: some Encodable) throws {
        try writeRaw(try json(value) + "\n")
    }

    /// Streams JSON to `path` atomically, or to stdout when `path` is nil or `-`; never over one of `inputs`.
    public static func emit(
        _ json: ContentJSON, to path: String?, protecting inputs: InputFiles = InputFiles()
    ) throws(FileSystemError) {
        if let path, path != "-" {
            try AtomicFile.write(to: path, protecting: inputs) { (descriptor) throws(FileSystemError) in
                try json.write(to: descriptor, path: path)
            }
        } else {
            try json.write(to: STDOUT_FILENO, path: "<stdout>")
        }
    }
}
