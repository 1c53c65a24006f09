#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a phone list into lines through one fixed read buffer: LF or CRLF endings, a UTF-8 byte order mark
/// at the start dropped, a last line without a newline included. A line must fit in the buffer; a longer one is
/// consumed to its end and reported as `.overlong` with its first bytes, so memory never grows with line length.
final class LineSource {
    enum Line {
        /// The line's bytes without its ending; valid until the next call to `nextLine()`.
        case text(UnsafeRawBufferPointer)
        /// A line longer than the buffer: its first bytes and its length.
        case overlong(prefix: [UInt8], byteCount: Int)
    }

    /// How many leading bytes of an overlong line are kept for the report.
    static let overlongPrefixCount = 64

    private let file: PhoneListFile
    private let buffer: UnsafeMutableRawBufferPointer
    /// Unconsumed bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var atEndOfFile = false
    private var isFirstLine = true

    init(file: PhoneListFile, bufferSize: Int = PhoneListFile.bufferSize) {
        self.file = file
        buffer = .allocate(byteCount: max(bufferSize, 16), alignment: 16)
    }

    deinit { buffer.deallocate() }

    var bufferSize: Int { buffer.count }

    func nextLine() throws(RecipientListError) -> Line? {
        let base = buffer.baseAddress!
        var overlongPrefix: [UInt8]?
        var overlongCount = 0
        while true {
            if start < end, let found = memchr(base + start, 0x0A, end - start) {
                let newline = base.distance(to: found)
                let lineStart = start
                start = newline + 1
                if let prefix = overlongPrefix {
                    return .overlong(prefix: prefix, byteCount: overlongCount + newline - lineStart)
                }
                return .text(clean(lineStart, newline))
            }
            if atEndOfFile {
                let lineStart = start
                start = end
                if let prefix = overlongPrefix {
                    return .overlong(prefix: prefix, byteCount: overlongCount + end - lineStart)
                }
                return lineStart < end ? .text(clean(lineStart, end)) : nil
            }
            if start == 0 && end == buffer.count {
                // A full buffer and no newline: the line is too long. Keep its start, drop the rest up to the newline.
                if overlongPrefix == nil {
                    overlongPrefix = Array(UnsafeRawBufferPointer(rebasing: buffer[0..<Self.overlongPrefixCount]))
                    isFirstLine = false
                }
                overlongCount += end
                end = 0
            } else if start > 0 {
                // Move the partial line to the front so the next read completes it.
                if start < end { (base).copyMemory(from: base + start, byteCount: end - start) }
                end -= start
                start = 0
            }
            let count = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if count == 0 { atEndOfFile = true } else { end += count }
        }
    }

    /// The bytes `lineStart..<lineEnd` less a trailing CR, and less a byte order mark on the first line.
    private func clean(_ lineStart: Int, _ lineEnd: Int) -> UnsafeRawBufferPointer {
        var lower = lineStart
        var upper = lineEnd
        if upper > lower && buffer[upper - 1] == 0x0D { upper -= 1 }
        if isFirstLine {
            isFirstLine = false
            if upper - lower >= 3 && buffer[lower] == 0xEF && buffer[lower + 1] == 0xBB && buffer[lower + 2] == 0xBF {
                lower += 3
            }
        }
        return UnsafeRawBufferPointer(rebasing: buffer[lower..<upper])
    }
}
