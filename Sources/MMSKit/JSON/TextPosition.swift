/// A place in a text file: byte offset, and the 1-based line and column (in Unicode scalars) people see.
public struct TextPosition: Sendable, Hashable, Codable, Comparable {
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool { lhs.offset < rhs.offset }

    /// This position as a diagnostic location in `file`.
    public func location(in file: String) -> Diagnostic.Location {
        Diagnostic.Location(file: file, line: line, column: column)
    }
}
