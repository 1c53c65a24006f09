import MMSKit

/// Failures by code: one horizontal bar per code, most frequent first, with the code, what it means and where
/// it was reported (refused by the provider in its answer, or failed in a delivery report).
enum FailureChart {
    /// The most codes drawn; the table lists all of them.
    static let drawnCodes = 10

    /// The failures' figure: the chart, its legend and the table of every code.
    static func figure(_ figures: ReportFigures, id: String, readStore: Bool) -> String {
        let title = "Failures by code"
        let failures = figures.failures
        var figure = ChartFigure(heading: "Failures by code", chart: "")
        guard failures.contains(where: { $0.count > 0 }) else {
            let message: String
            if !readStore {
                message = "no number refused; delivery reports not known without a store"
            } else if figures.funnel.delivered + figures.funnel.failed == 0 {
                message = "no failures: no delivery reports yet"
            } else {
                message = "no failures"
            }
            figure.chart = SVGChart.empty(id: id, kind: "failures", title: title, message: message)
            return figure.render()
        }
        figure.chart = draw(failures, id: id, title: title)
        figure.legend = [("receipt", "failed in a delivery report"), ("rejected", "refused by the provider")]
        var table = ReportTable(
            className: "figures failure-table",
            headers: [("Code", false), ("Meaning", false), ("Where", false), ("Numbers", true)])
        for failure in failures {
            table.append([
                .markup("<code>\(SVGChart.escaped(code(failure)))</code>"), .text(failure.meaning ?? ""),
                .text(stage(failure.stage)), .number(failure.count),
            ])
        }
        figure.table = table
        return figure.render()
    }

    private static func draw(_ failures: [FailureCount], id: String, title: String) -> String {
        let left = SVGChart.margin
        let barWidth = SVGChart.width - 2 * SVGChart.margin
        let drawn = Array(failures.prefix(drawnCodes))
        let scale = drawn.map(\.count).max() ?? 0
        let total = failures.reduce(0) { $0 + $1.count }
        let summary =
            "\(ReportNumber.grouped(total)) numbers failed with \(Plural.count(failures.count, "code")); "
            + drawn.prefix(3).map { "\(code($0)) \(ReportNumber.grouped($0.count))" }.joined(separator: ", ")
        var chart = SVGChart(id: id, kind: "failures", title: title, summary: summary, height: 0)
        var y = 6.0
        for failure in drawn {
            let value = "\(ReportNumber.grouped(failure.count)) · \(failure.stage.rawValue)"
            let valueWidth = SVGChart.estimatedWidth(value, fontSize: 13) + 12
            let name = [code(failure), failure.meaning ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            chart.text(
                SVGChart.shortened(name, toFit: barWidth - valueWidth, fontSize: 13), x: left, y: y + 13,
                className: "code")
            chart.text(value, x: left + barWidth, y: y + 13, anchor: "end", className: "stage-value")
            chart.rect(
                x: left, y: y + 18, width: SVGChart.share(failure.count, of: scale) * barWidth, height: 14,
                className: "bar failure \(failure.stage.rawValue)",
                label: "\(name): \(ReportNumber.grouped(failure.count)) (\(stage(failure.stage)))",
                attributes: [("data-code", failure.code)])
            y += 40
        }
        if failures.count > drawn.count {
            let rest = failures.dropFirst(drawn.count)
            chart.text(
                "and \(Plural.count(rest.count, "more code")) (\(ReportNumber.grouped(rest.reduce(0) { $0 + $1.count })) numbers) in the table",
                x: left, y: y + 10, className: "loss-text")
            y += 18
        }
        chart.height = y
        return chart.render()
    }

    /// The code as shown; a failure without one says so.
    static func code(_ failure: FailureCount) -> String {
        failure.code.isEmpty ? "(no code)" : failure.code
    }

    /// Where a failure was reported, in words.
    static func stage(_ stage: FailureCount.Stage) -> String {
        switch stage {
        case .rejected: "refused by the provider"
        case .receipt: "delivery report"
        }
    }
}
