import Foundation
import MMSKit

/// Streams the valid numbers of a phone list, normalised, de-duplicated and in file order, through one fixed
/// 64 KiB read buffer: memory grows only with the set of numbers already seen (8 bytes of hash table each).
///
/// Reading the same file always yields the same sequence, so chunk *i* of `nextChunk(maxCount:)` is the same
/// numbers on every read (a resumed campaign relies on it; check `RecipientList.fingerprint(path:)` first).
/// Not thread-safe: use a reader from one task at a time.
public final class RecipientReader {
    /// The phone list file.
    public let path: String
    /// How the file is read.
    public let options: RecipientListOptions
    /// The CSV header row, when the format has one.
    public private(set) var header: [String]?
    /// Counts so far; final once `next()` has returned nil (or after `readToEnd()`).
    public private(set) var summary = RecipientListSummary()
    /// Whether the end of the file has been reached.
    public private(set) var isFinished = false

    private let source: LineSource
    private var seen: Set<UInt64>
    /// For CSV, the 0-based index of the phone column.
    private var columnIndex: Int?
    private var scratch: [UInt8] = []

    /// Opens `path`; for a CSV list with a header row, reads the header and finds the column.
    public convenience init(
        path: String, options: RecipientListOptions = RecipientListOptions()
    )
        throws(RecipientListError)
    {
        try self.init(path: path, options: options, bufferSize: PhoneListFile.bufferSize)
    }

    /// Opens a list named by the user (a file, or a copied stream such as /dev/stdin); errors name `input.name`.
    public convenience init(
        input: PhoneListInput, options: RecipientListOptions = RecipientListOptions()
    )
        throws(RecipientListError)
    {
        try self.init(path: input.path, name: input.name, options: options, bufferSize: PhoneListFile.bufferSize)
    }

    init(path: String, name: String? = nil, options: RecipientListOptions, bufferSize: Int) throws(RecipientListError) {
        self.path = name ?? path
        self.options = options
        let file = try PhoneListFile(path: path, name: name)
        source = LineSource(file: file, bufferSize: bufferSize)
        // A number line takes at least 12 bytes: reserve for the file's worth of numbers, up to about a million
        // (16 MiB of table); a longer list grows the table as it goes.
        seen = Set(minimumCapacity: min(file.size / 12, 1 << 20))
        guard case .csv(let column, let hasHeader) = options.format else { return }
        switch column {
        case .index(let index):
            guard index >= 1 else { throw .invalidColumnIndex(path: path, index: index) }
            columnIndex = index - 1
            if hasHeader {
                let header = try readHeader(column: column)
                guard index <= header.count else { throw .missingColumn(path: path, column: column, header: header) }
            }
        case .name(let name):
            let header = try readHeader(column: column)
            let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
            let key = trimmedName.lowercased()
            guard let index = header.firstIndex(of: trimmedName) ?? header.firstIndex(where: { $0.lowercased() == key })
            else { throw .missingColumn(path: path, column: column, header: header) }
            columnIndex = index
        }
    }

    /// The next distinct valid number, or nil at the end of the file. In strict mode, throws at the first invalid line.
    public func next() throws(RecipientListError) -> PhoneNumber? {
        while !isFinished {
            guard let line = try source.nextLine() else {
                isFinished = true
                break
            }
            summary.totalLines += 1
            switch line {
            case .overlong(let prefix, let byteCount):
                try reject(
                    prefix.withUnsafeBytes { Self.displayText($0) },
                    reason: "the line is \(byteCount) bytes long; a phone list line must be shorter than "
                        + "\(source.bufferSize) bytes")
            case .text(let bytes):
                if let number = try number(in: bytes) { return number }
            }
        }
        return nil
    }

    /// Up to `maxCount` next numbers; fewer only at the end of the file, and empty once it is reached.
    /// - Parameters:
    ///   - maxCount: the most numbers to return, 1 or more.
    ///   - requiringNumbers: throw `RecipientListError.noValidNumbers` when the end is reached without a
    ///   single valid number (a campaign to an empty list is a mistake, never a successful send of 0).
    public func nextChunk(maxCount: Int, requiringNumbers: Bool = false) throws(RecipientListError) -> [PhoneNumber] {
        precondition(maxCount > 0, "a chunk holds at least one number")
        var chunk: [PhoneNumber] = []
        chunk.reserveCapacity(min(maxCount, 16_384))
        while chunk.count < maxCount, let number = try next() { chunk.append(number) }
        if chunk.isEmpty, requiringNumbers, summary.valid == 0 {
            throw .noValidNumbers(path: path, lines: summary.totalLines, invalid: summary.invalidCount)
        }
        return chunk
    }

    /// Reads the rest of the file, keeping only the counts, and returns the final summary.
    @discardableResult
    public func readToEnd() throws(RecipientListError) -> RecipientListSummary {
        while try next() != nil {}
        return summary
    }

    // MARK: - Lines

    /// The new valid number on this line, if any; records blank, comment, invalid and duplicate lines.
    private func number(in line: UnsafeRawBufferPointer) throws(RecipientListError) -> PhoneNumber? {
        guard Self.isValidUTF8(line) else {
            try reject(
                Self.displayText(line),
                reason: "the line is not valid UTF-8 text; save the list as UTF-8 (an Excel export in GBK/GB18030 "
                    + "or UTF-16 is not)")
            return nil
        }
        let trimmed = Self.trimmed(line)
        if trimmed.isEmpty {
            summary.skipped += 1
            return nil
        }
        let candidate: String
        if let columnIndex {
            let lookup: CSVLineParser.FieldLookup
            do {
                lookup = try CSVLineParser.field(columnIndex, of: trimmed, into: &scratch)
            } catch {
                try reject(Self.displayText(line), reason: error.reason)
                return nil
            }
            switch lookup {
            case .found:
                candidate = String(decoding: scratch, as: UTF8.self)
            case .tooFewFields(let count):
                try reject(
                    Self.displayText(line),
                    reason: "the line has \(Plural.count(count, "field")), so no column \(columnIndex + 1)")
                return nil
            }
        } else {
            if trimmed[0] == 0x23 {  // "#"
                summary.skipped += 1
                return nil
            }
            candidate = String(decoding: trimmed, as: UTF8.self)
        }
        let number: PhoneNumber
        do {
            number = try PhoneNumber(candidate)
        } catch {
            var reason = error.description
            if columnIndex == nil, trimmed.contains(0x2C) {
                reason += " (is this a CSV file? then choose the column that holds the numbers)"
            }
            try reject(Self.displayText(line), reason: reason)
            return nil
        }
        guard seen.insert(number.numeric).inserted else {
            summary.duplicates += 1
            return nil
        }
        summary.valid += 1
        return number
    }

    /// Reads the header row: the first non-blank line.
    private func readHeader(column: RecipientListOptions.Column) throws(RecipientListError) -> [String] {
        while let line = try source.nextLine() {
            summary.totalLines += 1
            let text: UnsafeRawBufferPointer
            switch line {
            case .overlong(let prefix, let byteCount):
                throw .invalidLine(
                    path: path, line: summary.totalLines, text: prefix.withUnsafeBytes { Self.displayText($0) },
                    reason: "the header row is \(byteCount) bytes long, longer than a phone list line may be")
            case .text(let bytes):
                text = bytes
            }
            guard Self.isValidUTF8(text) else {
                throw .invalidLine(
                    path: path, line: summary.totalLines, text: Self.displayText(text),
                    reason: "the header row is not valid UTF-8 text; save the list as UTF-8")
            }
            if Self.trimmed(text).isEmpty {
                summary.skipped += 1
                continue
            }
            summary.skipped += 1
            do {
                let fields = try CSVLineParser.fields(of: text).map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                header = fields
                return fields
            } catch {
                throw .invalidLine(
                    path: path, line: summary.totalLines, text: Self.displayText(text),
                    reason: "the header row is not a valid CSV record: \(error.reason)")
            }
        }
        isFinished = true
        throw .missingColumn(path: path, column: column, header: [])
    }

    private func reject(_ text: String, reason: String) throws(RecipientListError) {
        if options.strict {
            throw .invalidLine(path: path, line: summary.totalLines, text: text, reason: reason)
        }
        summary.invalidCount += 1
        if summary.invalid.count < options.invalidExampleLimit {
            summary.invalid.append(InvalidRecipientLine(line: summary.totalLines, text: text, reason: reason))
        }
    }

    // MARK: - Bytes

    private static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        return ascii || String(validating: bytes, as: UTF8.self) != nil
    }

    /// `bytes` without leading and trailing spaces and tabs.
    private static func trimmed(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lower = 0
        var upper = bytes.count
        while lower < upper && (bytes[lower] == 0x20 || bytes[lower] == 0x09) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09) { upper -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// A line as shown in a report: trimmed, invalid UTF-8 as U+FFFD, at most 40 characters.
    static func displayText(_ bytes: UnsafeRawBufferPointer) -> String {
        let limit = 40
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…"
    }
}
