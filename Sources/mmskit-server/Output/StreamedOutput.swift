import MMSKit

/// What the streaming exports (`receipts export`, `optout export`) share: text gathered in a buffer of about
/// 64 KiB and written whole to stdout or the atomic output file.
enum StreamedOutput {
    /// How much text is gathered before it is written.
    static let bufferSize = 64 * 1024

    /// Writes `buffer` whole to `descriptor` (`path` names it in errors) and empties it.
    static func flush(_ buffer: inout String, to descriptor: Int32, path: String) throws {
        try buffer.withUTF8 { bytes in
            try AtomicFile.writeAll(UnsafeRawBufferPointer(bytes), to: descriptor, path: path)
        }
        buffer = ""
    }
}
