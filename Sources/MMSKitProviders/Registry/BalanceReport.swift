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

    public struct Column: Sendable, Hashable {
        public var title: String
        public var isNumeric: Bool

        public init(_ title: String, numeric: Bool = false) {
            self.title = title
            isNumeric = numeric
        }
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// What to print instead of an empty table.
    public var emptyMessage: String
    /// What `--json` prints.
    public var json: any Encodable & Sendable

    public init(columns: [Column], rows: [[Cell]], emptyMessage: String, json: any Encodable & Sendable) {
        self.columns = columns
        self.rows = rows
        self.emptyMessage = emptyMessage
        self.json = json
    }
}
