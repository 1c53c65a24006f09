extension Diagnostic {
    /// Where a diagnostic points: a file, and inside it a 1-based line and column when known.
    public struct Location: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        /// The path as the user gave it (relative paths stay relative).
        public var file: String
        /// The 1-based line; `nil` when the finding is about the whole file.
        public var line: Int?
        /// The 1-based column in Unicode scalars; `nil` when only the line (or nothing) is known.
        public var column: Int?

        /// A location in `file`, at `line` and `column` when they are known.
        public init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }

        /// `file:line:col`, or fewer parts when line or column are unknown.
        public var description: String {
            var text = file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            return text
        }

        /// Orders locations by file, then line, then column (an unknown line or column counts as 0).
        public static func < (lhs: Location, rhs: Location) -> Bool {
            (lhs.file, lhs.line ?? 0, lhs.column ?? 0) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0)
        }
    }
}
