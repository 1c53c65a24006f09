import MMSKit

/// The funnel: one horizontal bar per stage (read, valid, sent, delivered), each drawn on one scale with what
/// the stage lost on its way beside it, so that a stage and its losses together are as long as the stage
/// before it.
enum FunnelChart {
    /// A part of a row: a stage, or what was lost before it.
    struct Part {
        var name: String
        var count: Int
        var className: String
    }

    /// One row of the chart.
    struct Stage {
        var part: Part
        var losses: [Part]
        /// The stage the share is of (`of read`), nil for the first.
        var shareOf: (name: String, count: Int)?
        var total: Int { part.count + losses.reduce(0) { $0 + $1.count } }
    }

    /// The rows of `funnel`: read (when the list was read again), valid, sent and delivered.
    static func stages(_ funnel: Funnel) -> [Stage] {
        var stages: [Stage] = []
        if let read = funnel.read {
            stages.append(Stage(part: Part(name: "read", count: read, className: "read"), losses: []))
        }
        var listLosses: [Part] = []
        if let invalid = funnel.invalid {
            listLosses.append(Part(name: "invalid", count: invalid, className: "invalid"))
        }
        if let duplicates = funnel.duplicates {
            listLosses.append(Part(name: "duplicates", count: duplicates, className: "duplicates"))
        }
        stages.append(
            Stage(
                part: Part(name: "valid", count: funnel.valid, className: "valid"), losses: listLosses,
                shareOf: funnel.read.map { ("read", $0) }))
        stages.append(
            Stage(
                part: Part(name: "sent", count: funnel.sent, className: "sent"),
                losses: [
                    Part(name: "suppressed", count: funnel.suppressed, className: "suppressed"),
                    Part(name: "rejected", count: funnel.rejected, className: "rejected"),
                    Part(name: "unknown", count: funnel.unknown, className: "unknown"),
                    Part(name: "not sent", count: funnel.notSent, className: "not-sent"),
                ], shareOf: ("valid", funnel.valid)))
        stages.append(
            Stage(
                part: Part(name: "delivered", count: funnel.delivered, className: "delivered"),
                losses: [
                    Part(name: "failed", count: funnel.failed, className: "failed"),
                    Part(name: "pending", count: funnel.pending, className: "pending"),
                ], shareOf: ("sent", funnel.sent)))
        return stages
    }

    /// The funnel's figure: the chart, its legend and the table of every count.
    static func figure(_ funnel: Funnel, id: String, readStore: Bool) -> String {
        let stages = stages(funnel)
        let title = "Funnel: from the numbers read to the numbers delivered"
        let scale = stages.map(\.total).max() ?? 0
        let chart: String
        if scale <= 0 {
            chart = SVGChart.empty(id: id, kind: "funnel", title: title, message: "no numbers to send to")
        } else {
            chart = draw(stages, scale: scale, id: id, title: title, readStore: readStore)
        }
        var figure = ChartFigure(heading: "Funnel", chart: chart)
        if scale > 0 {
            figure.legend = stages.flatMap {
                [($0.part.className, $0.part.name)] + $0.losses.map { ($0.className, $0.name) }
            }
        }
        if !readStore {
            figure.notes.append(
                "No store was read: delivered and failed are not known, and every sent number counts as pending.")
        }
        figure.table = table(funnel, readStore: readStore)
        return figure.render()
    }

    private static func draw(_ stages: [Stage], scale: Int, id: String, title: String, readStore: Bool) -> String {
        let left = SVGChart.margin
        let barWidth = SVGChart.width - 2 * SVGChart.margin
        let summary = stages.map { "\($0.part.name) \(ReportNumber.grouped($0.part.count))" }.joined(separator: ", ")
        var chart = SVGChart(id: id, kind: "funnel", title: title, summary: summary, height: 0)
        var y = 6.0
        for stage in stages {
            let known = readStore || stage.part.name != "delivered"
            var value = ReportNumber.grouped(stage.part.count)
            if !known {
                value = "not known"
            } else if let base = stage.shareOf, base.count > 0 {
                value += " · \(ReportNumber.percent(stage.part.count, of: base.count)) of \(base.name)"
            }
            chart.text(stage.part.name.capitalized, x: left, y: y + 14, className: "stage-name")
            chart.text(value, x: left + barWidth, y: y + 14, anchor: "end", className: "stage-value")
            var x = left
            for part in [stage.part] + stage.losses {
                let width = SVGChart.share(part.count, of: scale) * barWidth
                let isStage = part.name == stage.part.name
                chart.rect(
                    x: x, y: y + 20, width: width, height: 18,
                    className: "bar \(isStage ? "stage" : "loss") \(part.className)",
                    label: "\(part.name): \(ReportNumber.grouped(part.count))",
                    attributes: [(isStage ? "data-stage" : "data-loss", part.name)])
                x += width
            }
            y += 38
            let lost = stage.losses.filter { $0.count > 0 }
            if !lost.isEmpty {
                let words = lost.map { "\(ReportNumber.grouped($0.count)) \($0.name)" }
                let prefix = stage.part.name == "delivered" ? "not delivered: " : "lost: "
                for line in wrap(words, prefix: prefix, width: barWidth, fontSize: 12) {
                    chart.text(line, x: left, y: y + 14, className: "loss-text")
                    y += 16
                }
            }
            y += 12
        }
        chart.height = y
        return chart.render()
    }

    /// `words` joined with ` · ` into lines that fit `width`, the first starting with `prefix`.
    static func wrap(_ words: [String], prefix: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var line = prefix
        for word in words {
            let separator = line == prefix || line.isEmpty ? "" : " · "
            if line != prefix && !line.isEmpty
                && SVGChart.estimatedWidth(line + separator + word, fontSize: fontSize) > width
            {
                lines.append(line)
                line = word
            } else {
                line += separator + word
            }
        }
        lines.append(line)
        return lines
    }

    private static func table(_ funnel: Funnel, readStore: Bool) -> ReportTable {
        var table = ReportTable(
            className: "figures funnel-table", headers: [("Stage", false), ("Numbers", true), ("Share", true)])
        func row(_ name: String, _ count: Int?, of base: (String, Int)?, loss: Bool = false, known: Bool = true) {
            guard known else {
                table.append([.text(name), .notKnown, .figure("")], className: loss ? "loss" : nil)
                return
            }
            let share =
                base.flatMap { $0.1 == 0 ? nil : "\(ReportNumber.percent(count ?? 0, of: $0.1)) of \($0.0)" } ?? ""
            table.append(
                [.text(name), count.map { .number($0) } ?? .notKnown, .figure(count == nil ? "" : share)],
                className: loss ? "loss" : nil)
        }
        let read = funnel.read.map { ("read", $0) }
        row("read", funnel.read, of: nil)
        row("invalid", funnel.invalid, of: read, loss: true)
        row("duplicates", funnel.duplicates, of: read, loss: true)
        row("valid", funnel.valid, of: read)
        let valid = ("valid", funnel.valid)
        row("suppressed", funnel.suppressed, of: valid, loss: true)
        row("rejected", funnel.rejected, of: valid, loss: true)
        row("unknown", funnel.unknown, of: valid, loss: true)
        row("not sent", funnel.notSent, of: valid, loss: true)
        row("sent", funnel.sent, of: valid)
        let sent = ("sent", funnel.sent)
        row("delivered", funnel.delivered, of: sent, known: readStore)
        row("failed", funnel.failed, of: sent, loss: true, known: readStore)
        row("pending", funnel.pending, of: sent, loss: true)
        row("replies", funnel.replies, of: nil, known: readStore)
        row("opt-outs", funnel.optOuts, of: nil, known: readStore)
        return table
    }
}
