/// A place in a text file: byte offset, and the 1-based line and column (in Unicode scalars) people see.
public struct TextPosition: Sendable, Hashable, Codable, Comparable {
    /// The 0-based byte offset in the file.
    public var offset: Int
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, in Unicode scalars.
    public var column: Int

    /// The position at `offset`, shown as `line` and `column`.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Orders positions by offset, i.e. as they come in the file.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool { lhs.offset < rhs.offset }

    /// This position as a diagnostic location in `file`.
    public func location(in file: String) -> Diagnostic.Location {
        Diagnostic.Location(file: file, line: line, column: column)
    }
}
