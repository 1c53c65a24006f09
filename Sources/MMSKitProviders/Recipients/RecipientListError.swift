import MMSKit

/// Why a phone list cannot be read (or, in strict mode, which line stopped it).
public enum RecipientListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// An invalid line, thrown in strict mode (and for a CSV header row that cannot be parsed).
    case invalidLine(path: String, line: Int, text: String, reason: String)
    /// The CSV column is not in the header row (`header` empty: the file has no header row at all).
    case missingColumn(path: String, column: RecipientListOptions.Column, header: [String])
    /// A column index below 1.
    case invalidColumnIndex(path: String, index: Int)
    /// The list holds no valid number at all (empty, or every line invalid).
    case noValidNumbers(path: String, lines: Int, invalid: Int)

    /// What is wrong with the phone list, naming the file (and line), and what to do.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read the phone list \(path): \(reason); check the path and that the file is readable"
        case .invalidLine(let path, let line, let text, let reason):
            return "\(path):\(line): \"\(text)\" is not a valid recipient: \(reason); fix or delete line \(line) "
                + "(without strict mode, invalid lines are skipped and reported instead)"
        case .missingColumn(let path, let column, let header):
            guard !header.isEmpty else {
                return "the phone list \(path) is empty: expected a header row naming the \(column)"
            }
            let columns = header.enumerated().map { "\($0.offset + 1): \"\($0.element)\"" }.joined(separator: ", ")
            switch column {
            case .name(let name):
                return "the phone list \(path) has no column named \"\(name)\"; its header row has \(columns); "
                    + "give one of these names, or the column's number"
            case .index(let index):
                return "the phone list \(path) has \(Plural.count(header.count, "column")) "
                    + "(\(columns)), so there is no column \(index); give a number from 1 to \(header.count) or a name"
            }
        case .invalidColumnIndex(let path, let index):
            return "column \(index) of the phone list \(path) does not exist: columns are numbered from 1"
        case .noValidNumbers(let path, let lines, let invalid):
            if lines == 0 {
                return
                    "the phone list \(path) is empty: nothing to send; check that the file (or the pipe) holds the numbers"
            }
            return "the phone list \(path) has no valid number (\(Plural.count(lines, "line")), \(invalid) invalid): "
                + "nothing to send; fix the list, or check --column"
        }
    }
}

extension RecipientListError: ClassifiedFailure {
    /// A list that cannot be read is the tool's failure (2); a list with bad content is the user's (1).
    public var isContentError: Bool {
        if case .unreadable = self { false } else { true }
    }
}
