import MMSKit

/// A plain aligned table for the terminal; columns marked numeric are right-aligned. Widths are display
/// columns, so Chinese product names (2 columns a character) do not push the next column out of line.
public struct TextTable {
    public var header: [String]
    public var numericColumns: Set<Int>
    public var rows: [[String]] = []

    public init(header: [String], numericColumns: Set<Int>, rows: [[String]] = []) {
        self.header = header
        self.numericColumns = numericColumns
        self.rows = rows
    }

    public func render() -> String {
        // Cells are values from outside (file names, product names): one line each, controls escaped.
        let all = ([header] + rows).map { $0.map { DisplayText.escaped($0) } }
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                return numericColumns.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ").replacing(/\s+$/, with: "")
        }.joined(separator: "\n") + "\n"
    }
}
