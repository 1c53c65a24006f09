/// How to read a phone list: its format, and whether one invalid line stops the read.
public struct RecipientListOptions: Sendable, Hashable {
    /// Which CSV column holds the phone numbers.
    public enum Column: Sendable, Hashable, CustomStringConvertible {
        /// The column whose header cell is this name (exact match first, then ignoring case); implies a header row.
        case name(String)
        /// The column at this 1-based position.
        case index(Int)

        /// `column "name"` or `column N`, for messages.
        public var description: String {
            switch self {
            case .name(let name): "column \"\(name)\""
            case .index(let index): "column \(index)"
            }
        }
    }

    /// The layout of the file.
    public enum Format: Sendable, Hashable {
        /// One number per line; blank lines and lines starting with `#` are skipped.
        case plain
        /// Comma-separated values (RFC 4180 quoting, one record per line); blank lines are skipped. A `.name`
        /// column always reads the first non-blank line as the header row; an `.index` column does so only when
        /// `hasHeader` is true.
        case csv(column: Column, hasHeader: Bool = false)
    }

    /// Plain (one number a line) or CSV, with the column to read.
    public var format: Format
    /// When true, the first invalid line throws `RecipientListError.invalidLine`; otherwise it is recorded in the
    /// summary and skipped. Duplicates are never errors: they are skipped and counted.
    public var strict: Bool
    /// How many invalid lines the summary keeps as examples (all of them are counted).
    public var invalidExampleLimit: Int

    /// Options; the default reads a plain list, skips invalid lines and keeps 1000 of them as examples.
    public init(format: Format = .plain, strict: Bool = false, invalidExampleLimit: Int = 1_000) {
        self.format = format
        self.strict = strict
        self.invalidExampleLimit = invalidExampleLimit
    }
}

extension RecipientListOptions {
    /// The options for `--column` (a header name or a 1-based index; none: one number per line), `--header` and
    /// `--strict`.
    public init(column: String?, hasHeader: Bool, strict: Bool) throws(CampaignOptionsError) {
        guard let column else {
            self.init(format: .plain, strict: strict)
            return
        }
        let chosen: Column = Int(column).map { .index($0) } ?? .name(column)
        if case .index(let index) = chosen, index < 1 { throw CampaignOptionsError("--column numbers start at 1") }
        self.init(format: .csv(column: chosen, hasHeader: hasHeader), strict: strict)
    }
}
