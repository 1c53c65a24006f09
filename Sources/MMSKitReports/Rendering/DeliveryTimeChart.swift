import MMSKit

/// How long delivery took: one horizontal bar per band of the distribution, with the median, the 90th and the
/// 99th percentile printed above and marked on the bands they fall in.
enum DeliveryTimeChart {
    private static let labelWidth = 86.0
    /// The least room kept right of the bars for a band's count; more when its percentile markers need it.
    private static let minimumValueWidth = 56.0

    /// The delivery times' figure: the chart, the percentiles in words and the table of every band.
    static func figure(_ times: DeliveryTimes, id: String, readStore: Bool) -> String {
        let title = "Delivery time, from the send to the delivery report"
        var figure = ChartFigure(heading: "Delivery time", chart: "")
        guard times.count > 0 else {
            let message = readStore ? "no delivery reports yet" : "no store read: delivery reports not known"
            figure.chart = SVGChart.empty(id: id, kind: "delivery-time", title: title, message: message)
            return figure.render()
        }
        figure.chart = draw(times, id: id, title: title)
        figure.notes = [
            "Over \(ReportNumber.grouped(times.count)) delivered \(times.count == 1 ? "message" : "messages") whose times are known: "
                + "fastest \(ReportNumber.duration(times.minimum)), slowest \(ReportNumber.duration(times.maximum))."
        ]
        var table = ReportTable(
            className: "figures delivery-time-table",
            headers: [("Delivered in", false), ("Messages", true), ("Share", true), ("Percentiles", false)])
        for band in times.distribution {
            table.append([
                .text(band.label), .number(band.count), .figure(ReportNumber.percent(band.count, of: times.count)),
                .text(markers(band, times).joined(separator: ", ")),
            ])
        }
        figure.table = table
        return figure.render()
    }

    private static func draw(_ times: DeliveryTimes, id: String, title: String) -> String {
        let left = SVGChart.margin
        let right = SVGChart.width - SVGChart.margin
        let barLeft = left + labelWidth
        // Each band's count and the percentiles that fall in it, right-aligned; the bars end before the widest.
        let values = times.distribution.map { band in
            let marked = markers(band, times)
            return (
                ReportNumber.grouped(band.count) + (marked.isEmpty ? "" : " · " + marked.joined(separator: " ")), marked
            )
        }
        let valueWidth = values.reduce(minimumValueWidth) { widest, value in
            max(widest, SVGChart.estimatedWidth(value.0, fontSize: 13) + 10)
        }
        let barWidth = max(right - valueWidth - barLeft, 40)
        let scale = times.distribution.map(\.count).max() ?? 0
        let percentiles = percentileText(times)
        var chart = SVGChart(id: id, kind: "delivery-time", title: title, summary: percentiles, height: 0)
        chart.text(percentiles, x: left, y: 18, className: "stat")
        var y = 30.0
        for (band, (value, marked)) in zip(times.distribution, values) {
            chart.text(
                SVGChart.shortened(band.label, toFit: labelWidth - 6, fontSize: 13), x: left, y: y + 14,
                className: "band")
            chart.rect(
                x: barLeft, y: y + 4, width: SVGChart.share(band.count, of: scale) * barWidth, height: 14,
                className: "bar delivered", label: "\(band.label): \(ReportNumber.grouped(band.count))",
                attributes: [("data-band", band.label)])
            chart.text(value, x: right, y: y + 14, anchor: "end", className: marked.isEmpty ? "band" : "band marked")
            y += 22
        }
        chart.height = y + 6
        return chart.render()
    }

    /// `p50 42 s · p90 3 min 5 s · p99 12 min`.
    static func percentileText(_ times: DeliveryTimes) -> String {
        "p50 \(ReportNumber.duration(times.p50)) · p90 \(ReportNumber.duration(times.p90)) · "
            + "p99 \(ReportNumber.duration(times.p99))"
    }

    /// The percentiles that fall in `band`.
    static func markers(_ band: DeliveryTimes.Band, _ times: DeliveryTimes) -> [String] {
        [("p50", times.p50), ("p90", times.p90), ("p99", times.p99)].compactMap { name, value in
            guard let value, value >= band.from, value < (band.to ?? .infinity) else { return nil }
            return name
        }
    }
}
