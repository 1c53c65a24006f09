import Foundation
import MMSKit

/// Deliveries over time: one stacked bar per bin of the timeline, delivered below and failed on top, on a time
/// axis in China time (UTC+8), the zone providers write their report times in.
enum TimelineChart {
    private static let plotLeft = 64.0
    private static let plotRight = SVGChart.width - 30
    private static let plotTop = 12.0
    private static let plotBottom = 196.0

    /// The timeline's figure: the chart, a sentence of totals and the folded table of every bin.
    static func figure(_ timeline: Timeline, id: String, readStore: Bool) -> String {
        let title = "Delivery reports over time, China time (UTC+8)"
        let bins = timeline.bins
        let delivered = bins.reduce(0) { $0 + $1.delivered }
        let failed = bins.reduce(0) { $0 + $1.failed }
        var figure = ChartFigure(heading: "Deliveries over time", chart: "")
        guard delivered + failed > 0, let first = bins.first, let last = bins.last else {
            let message = readStore ? "no delivery reports yet" : "no store read: delivery reports not known"
            figure.chart = SVGChart.empty(id: id, kind: "timeline", title: title, message: message)
            return figure.render()
        }
        let binLength = ReportNumber.duration(Double(timeline.binSeconds))
        let end = last.start.addingTimeInterval(Double(timeline.binSeconds))
        let busiest = bins.max { $0.delivered + $0.failed < $1.delivered + $1.failed } ?? first
        figure.chart = draw(bins, binSeconds: timeline.binSeconds, id: id, title: title)
        figure.legend = [("delivered", "delivered"), ("failed", "failed")]
        let from = minutes(first.start)
        let until = minutes(end)
        let oneDay = until.prefix(10) == from.prefix(10)
        let shown: (Date) -> String = { oneDay ? String(minutes($0).dropFirst(11)) : minutes($0) }
        let shownUntil = shown(end)
        let busiestFrom = shown(busiest.start)
        let busiestUntil = shown(busiest.start.addingTimeInterval(Double(timeline.binSeconds)))
        let busiestCount = ReportNumber.grouped(busiest.delivered + busiest.failed)
        let totals = "\(ReportNumber.grouped(delivered)) delivered and \(ReportNumber.grouped(failed)) failed reports"
        let span = "from \(from) to \(shownUntil) China time (UTC+8), in bins of \(binLength)"
        figure.notes = ["\(totals) \(span); the busiest bin, \(busiestFrom)–\(busiestUntil), has \(busiestCount)."]
        var table = ReportTable(
            className: "figures timeline-table",
            headers: [("Bin from (China time)", false), ("Delivered", true), ("Failed", true)])
        for bin in bins {
            table.append([.text(minutes(bin.start)), .number(bin.delivered), .number(bin.failed)])
        }
        figure.table = table
        figure.foldTable = true
        figure.tableSummary = "Every bin (\(Plural.count(bins.count, "bin")))"
        return figure.render()
    }

    private static func draw(_ bins: [Timeline.Bin], binSeconds: Int, id: String, title: String) -> String {
        let highest = bins.map { $0.delivered + $0.failed }.max() ?? 0
        let top = niceCeiling(highest)
        let plotHeight = plotBottom - plotTop
        let slot = (plotRight - plotLeft) / Double(max(1, bins.count))
        let barWidth = min(40, max(1, slot * 0.8))
        let summary =
            "\(Plural.count(bins.count, "bin")) of \(ReportNumber.duration(Double(binSeconds))); "
            + "at most \(ReportNumber.grouped(highest)) reports in one bin"
        var chart = SVGChart(id: id, kind: "timeline", title: title, summary: summary, height: 246)
        for tick in ticks(top) {
            let y = plotBottom - SVGChart.share(tick, of: top) * plotHeight
            chart.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, className: tick == 0 ? "axis" : "grid")
            chart.text(ReportNumber.grouped(tick), x: plotLeft - 6, y: y + 4, anchor: "end", className: "tick")
        }
        let (labels, day) = labelFormat(bins, binSeconds: binSeconds)
        let labelWidth = SVGChart.estimatedWidth(labels(bins[0].start), fontSize: 12) + 14
        let fitting = max(1, Int((plotRight - plotLeft) / labelWidth))
        let step = max(1, Int((Double(bins.count) / Double(fitting)).rounded(.up)))
        for (index, bin) in bins.enumerated() {
            let x = plotLeft + Double(index) * slot + (slot - barWidth) / 2
            let deliveredHeight = SVGChart.share(bin.delivered, of: top) * plotHeight
            let failedHeight = SVGChart.share(bin.failed, of: top) * plotHeight
            let label =
                "from \(minutes(bin.start)): \(ReportNumber.grouped(bin.delivered)) delivered, "
                + "\(ReportNumber.grouped(bin.failed)) failed"
            chart.rect(
                x: x, y: plotBottom - deliveredHeight, width: barWidth, height: deliveredHeight,
                className: "bar delivered", label: label)
            chart.rect(
                x: x, y: plotBottom - deliveredHeight - failedHeight, width: barWidth, height: failedHeight,
                className: "bar failed", label: label)
            if index % step == 0 {
                chart.line(
                    x1: x + barWidth / 2, y1: plotBottom, x2: x + barWidth / 2, y2: plotBottom + 4, className: "axis")
                chart.text(
                    labels(bin.start), x: x + barWidth / 2, y: plotBottom + 17, anchor: "middle", className: "tick")
            }
        }
        chart.text(
            (day.map { "\($0), " } ?? "") + "China time (UTC+8)", x: (plotLeft + plotRight) / 2, y: 238,
            anchor: "middle",
            className: "axis-title")
        return chart.render()
    }

    /// How the axis writes a bin's start, and the day when all bins are on one: `HH:mm` and the day then,
    /// `MM-dd` for bins of days, `MM-dd HH:mm` otherwise.
    private static func labelFormat(_ bins: [Timeline.Bin], binSeconds: Int) -> ((Date) -> String, String?) {
        let first = ReportNumber.chinaTime(bins[0].start)
        let last = ReportNumber.chinaTime(bins[bins.count - 1].start)
        if binSeconds >= 86_400 {
            return ({ String(ReportNumber.chinaTime($0).dropFirst(5).prefix(5)) }, nil)
        }
        if first.prefix(10) == last.prefix(10) {
            return ({ String(ReportNumber.chinaTime($0).dropFirst(11).prefix(5)) }, String(first.prefix(10)))
        }
        return ({ String(ReportNumber.chinaTime($0).dropFirst(5).prefix(11)) }, nil)
    }

    /// `2025-03-01 10:05` in China time.
    static func minutes(_ date: Date) -> String {
        String(ReportNumber.chinaTime(date).prefix(16))
    }

    /// The smallest of 1, 2, 3, 4, 5, 6, 8, 10, 20, 30 … at least `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var step = 1
        while true {
            for factor in [1, 2, 3, 4, 5, 6, 8] where step * factor >= value { return step * factor }
            guard step <= Int.max / 100 else { return value }
            step *= 10
        }
    }

    /// The gridlines of an axis up to `top`: 0, the half when it is a whole number, and `top`.
    static func ticks(_ top: Int) -> [Int] {
        top % 2 == 0 ? [0, top / 2, top] : [0, top]
    }
}
