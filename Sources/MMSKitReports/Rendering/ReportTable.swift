/// A table of the report in a wrapper that scrolls sideways on a narrow screen, so that a wide table never
/// widens the page. Numbers are right-aligned and grouped; text from outside is escaped.
struct ReportTable {
    /// One cell.
    enum Cell {
        /// Text from anywhere, escaped.
        case text(String)
        /// A count, grouped and right-aligned.
        case number(Int)
        /// Text right-aligned with the numbers (a percentage, a duration).
        case figure(String)
        /// Markup the report made itself (a badge), inserted as it is.
        case markup(String)
        /// A figure that cannot be known (no store was read).
        case notKnown
    }

    /// One row, with an optional class (`loss`, `optout`).
    struct Row {
        var cells: [Cell]
        var className: String?
    }

    /// The column headings; the numeric ones are right-aligned.
    var headers: [(title: String, numeric: Bool)]
    var rows: [Row] = []
    /// Classes of the `<table>` element.
    var className: String

    init(className: String, headers: [(title: String, numeric: Bool)]) {
        self.className = className
        self.headers = headers
    }

    mutating func append(_ cells: [Cell], className: String? = nil) {
        rows.append(Row(cells: cells, className: className))
    }

    func render() -> String {
        var html = "<div class=\"table-wrap\"><table class=\"\(className)\">\n<thead><tr>"
        for header in headers {
            html += header.numeric ? "<th class=\"num\">" : "<th>"
            html += "\(SVGChart.escaped(header.title))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += row.className.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for cell in row.cells {
                switch cell {
                case .text(let text): html += "<td>\(SVGChart.escaped(text))</td>"
                case .number(let count): html += "<td class=\"num\">\(ReportNumber.grouped(count))</td>"
                case .figure(let text): html += "<td class=\"num\">\(SVGChart.escaped(text))</td>"
                case .markup(let markup): html += "<td>\(markup)</td>"
                case .notKnown: html += "<td class=\"num not-known\">not known</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        return html
    }
}
