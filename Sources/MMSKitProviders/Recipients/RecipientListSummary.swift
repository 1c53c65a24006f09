/// What reading a phone list found: counts so far while reading, final once the reader reached the end.
public struct RecipientListSummary: Sendable, Hashable {
    /// Lines in the file, every kind counted (a last line without a newline included).
    public var totalLines: Int
    /// Distinct valid numbers produced.
    public var valid: Int
    /// Valid numbers skipped because an earlier line had the same number (after normalisation).
    public var duplicates: Int
    /// Blank lines, `#` comment lines (plain format) and the CSV header row.
    public var skipped: Int
    /// All invalid lines, counted.
    public var invalidCount: Int
    /// The first invalid lines, in file order, at most `RecipientListOptions.invalidExampleLimit` of them.
    public var invalid: [InvalidRecipientLine]

    /// A summary with the given counts (all zero by default, as before reading).
    public init(
        totalLines: Int = 0, valid: Int = 0, duplicates: Int = 0, skipped: Int = 0, invalidCount: Int = 0,
        invalid: [InvalidRecipientLine] = []
    ) {
        self.totalLines = totalLines
        self.valid = valid
        self.duplicates = duplicates
        self.skipped = skipped
        self.invalidCount = invalidCount
        self.invalid = invalid
    }

    /// Whether more invalid lines were counted than kept as examples.
    public var invalidExamplesTruncated: Bool { invalidCount > invalid.count }
}
