import MMSKit

/// One inline SVG chart, written element by element: a `viewBox` of a fixed width that the page scales to the
/// width of its column, a `<title>` and `<desc>` that screen readers announce, and shapes whose colours come from
/// the page's style sheet through their classes. Every coordinate goes through `coordinate(_:)`, so nothing
/// that is not a finite number ever reaches the page; every text goes through `escaped(_:)`.
struct SVGChart {
    /// The width of every chart's coordinate system; the page scales it to the column.
    static let width = 400.0
    /// The inner margin on the left and right.
    static let margin = 8.0

    /// The element id (`chart-funnel`) by which tests and links find the chart.
    let id: String
    /// The kind of chart (`funnel`, `timeline`, `failures`, `delivery-time`), a class of the element.
    let kind: String
    /// What the chart shows, in one line; its `<title>`.
    let title: String
    /// What it says, in words; its `<desc>`.
    let summary: String
    /// How tall it is in the coordinate system, grown by whoever draws it.
    var height: Double
    private var body = ""

    init(id: String, kind: String, title: String, summary: String, height: Double) {
        self.id = id
        self.kind = kind
        self.title = title
        self.summary = summary
        self.height = height
    }

    /// A rectangle of class `className`, with `label` as its tooltip; a negative or non-finite size is drawn as 0.
    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, className: String, label: String? = nil,
        attributes: [(String, String)] = []
    ) {
        body += "<rect class=\"\(className)\" x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\""
        body += " width=\"\(Self.coordinate(max(0, width)))\" height=\"\(Self.coordinate(max(0, height)))\""
        for (name, value) in attributes {
            body += " \(name)=\"\(Self.escaped(value))\""
        }
        if let label {
            body += "><title>\(Self.escaped(label))</title></rect>\n"
        } else {
            body += "/>\n"
        }
    }

    /// Text at (`x`, `y`), its baseline at `y`; `anchor` is `start`, `middle` or `end`.
    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", className: String = "label") {
        body += "<text class=\"\(className)\" x=\"\(Self.coordinate(x))\" y=\"\(Self.coordinate(y))\""
        if anchor != "start" { body += " text-anchor=\"\(anchor)\"" }
        body += ">\(Self.escaped(text))</text>\n"
    }

    /// A straight line of class `className`.
    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, className: String) {
        body += "<line class=\"\(className)\" x1=\"\(Self.coordinate(x1))\" y1=\"\(Self.coordinate(y1))\""
        body += " x2=\"\(Self.coordinate(x2))\" y2=\"\(Self.coordinate(y2))\"/>\n"
    }

    /// The `<svg>` element.
    func render() -> String {
        let title = Self.escaped(self.title)
        let summary = Self.escaped(self.summary)
        let size = "0 0 \(Self.coordinate(Self.width)) \(Self.coordinate(height))"
        return """
            <svg class="chart \(kind)" id="\(id)" viewBox="\(size)" width="100%" role="img" \
            aria-labelledby="\(id)-title \(id)-desc">
            <title id="\(id)-title">\(title)</title>
            <desc id="\(id)-desc">\(summary)</desc>
            \(body)</svg>

            """
    }

    /// The chart's frame with `message` in its middle, for a chart that has nothing to draw yet.
    static func empty(id: String, kind: String, title: String, message: String) -> String {
        var chart = SVGChart(id: id, kind: kind + " empty", title: title, summary: message, height: 120)
        chart.rect(x: 1, y: 1, width: width - 2, height: 118, className: "empty-frame")
        chart.text(message, x: width / 2, y: 64, anchor: "middle", className: "empty-text")
        return chart.render()
    }

    /// `value` as an SVG number with at most one decimal; 0 for a value that is not finite.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 10).rounded() / 10
        let whole = rounded.rounded(.towardZero)
        return rounded == whole ? String(Int(whole)) : String(format: "%.1f", rounded)
    }

    /// `length` as a share of `scale`, 0 when the scale is 0 (so an empty campaign draws empty bars, not NaN).
    static func share(_ count: Int, of scale: Int) -> Double {
        scale <= 0 ? 0 : min(1, max(0, Double(count) / Double(scale)))
    }

    /// Text from outside made inert: control characters shown as escapes, then HTML-escaped.
    static func escaped(_ text: String) -> String {
        HTMLEscaping.text(DisplayText.escaped(text))
    }

    /// Roughly how wide `text` is at `fontSize` in the chart's units (CJK characters count whole, others about
    /// 0.6 of the size), to wrap and shorten labels without a browser to measure them.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 1.0 : 0.6) } * fontSize
    }

    /// `text` cut with an ellipsis so that it fits `width` at `fontSize`.
    static func shortened(_ text: String, toFit width: Double, fontSize: Double) -> String {
        guard estimatedWidth(text, fontSize: fontSize) > width else { return text }
        var kept = ""
        for character in text {
            if estimatedWidth(kept + String(character) + "…", fontSize: fontSize) > width { break }
            kept.append(character)
        }
        return kept + "…"
    }
}
