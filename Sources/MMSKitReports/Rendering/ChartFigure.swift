/// A chart as the page shows it: a heading, the SVG, a legend of its colours, a sentence with its main figures
/// and the table of every number in it, so that nothing is only in the drawing.
struct ChartFigure {
    /// The heading above the chart.
    var heading: String
    /// The `<svg>` element.
    var chart: String
    /// Colour keys: a class of the page's palette and what it stands for.
    var legend: [(className: String, label: String)] = []
    /// Sentences under the chart (escaped).
    var notes: [String] = []
    /// The table of the chart's numbers.
    var table: ReportTable?
    /// Whether the table is folded away (long tables whose figures the notes already sum up).
    var foldTable = false
    /// What the folded table's toggle says.
    var tableSummary = "The numbers"

    func render() -> String {
        var html = "<figure class=\"chart-box\">\n<figcaption>\(SVGChart.escaped(heading))</figcaption>\n"
        html += chart
        if !legend.isEmpty {
            html += "<ul class=\"legend\">"
            for key in legend {
                html += "<li><span class=\"swatch \(key.className)\"></span>\(SVGChart.escaped(key.label))</li>"
            }
            html += "</ul>\n"
        }
        for note in notes {
            html += "<p class=\"chart-note\">\(SVGChart.escaped(note))</p>\n"
        }
        if let table {
            if foldTable {
                html += "<details><summary>\(SVGChart.escaped(tableSummary))</summary>\n\(table.render())</details>\n"
            } else {
                html += table.render()
            }
        }
        html += "</figure>\n"
        return html
    }
}
