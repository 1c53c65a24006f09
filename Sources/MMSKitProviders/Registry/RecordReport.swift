/// Send records as the provider reported them: a table (also written as CSV), a summary line, the ids it did
/// not find, and a value for `--json`, all in the provider's own terms.
public struct RecordReport: Sendable {
    /// Column titles, also the CSV header.
    public var columns: [String]
    /// One row per record, in the order of the ids asked for.
    public var rows: [[String]]
    /// The provider's counts in one line, e.g. `3 sent, 1 failed, 0 sending, 2 not found`.
    public var summary: String
    /// Ids the provider had no record of.
    public var notFound: [String]
    /// What `--json` prints.
    public var json: any Encodable & Sendable

    /// A report with the given table, summary line, ids not found, and the value `--json` prints.
    public init(
        columns: [String], rows: [[String]], summary: String, notFound: [String], json: any Encodable & Sendable
    ) {
        self.columns = columns
        self.rows = rows
        self.summary = summary
        self.notFound = notFound
        self.json = json
    }
}
