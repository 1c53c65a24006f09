/// A balance as the provider reported it: a table for people and a value for `--json`, both in the provider's
/// own terms (ihuyi's products, JPush's quotas, itniotech's balance and credit).
public struct BalanceReport: Sendable {
    /// A cell: the CLI formats numbers (grouping, "not allocated").
    public enum Cell: Sendable, Hashable {
        case text(String)
        /// An amount of money or messages; fractions are kept.
        case amount(Double)
        /// A count that may be unallocated (`nil`), which is not 0.
        case quota(Int?)
    }

    /// A column of the table: its heading and whether its cells are numbers (right-aligned).
    public struct Column: Sendable, Hashable {
        /// The column heading.
        public var title: String
        /// Whether the cells are amounts or quotas, which the table aligns to the right.
        public var isNumeric: Bool

        /// A column headed `title`, numeric when `numeric` is true.
        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            isNumeric = numeric
        }
    }

    /// The table's columns, in order.
    public var columns: [Column]
    /// The table's rows, one cell per column; empty when the provider reported nothing.
    public var rows: [[Cell]]
    /// What to print instead of an empty table.
    public var emptyMessage: String
    /// What `--json` prints.
    public var json: any Encodable & Sendable

    /// A report with the given table, the text for an empty one, and the value `--json` prints.
    public init(columns: [Column], rows: [[Cell]], emptyMessage: String, json: any Encodable & Sendable) {
        self.columns = columns
        self.rows = rows
        self.emptyMessage = emptyMessage
        self.json = json
    }
}
