import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKitReports

/// The HTML report in a real browser, as `PreviewBrowserTests` checks the preview: headless Chromium opens the
/// page with every non-loopback request sent to a `ConnectionCanary` proxy, which must see nothing from the
/// page (`HeadlessChromium.isBrowserService` tells the browser's own start-up traffic apart). Skipped when
/// Chromium is not installed, a failure under `CI=true`.
@Suite(.serialized) struct ReportBrowserTests {
    /// Where the screenshot of the report at a phone's width goes: `$MMSKIT_REPORT_SCREENSHOT`, or
    /// `.build/report-screenshot.png`.
    static var screenshotPath: String {
        let named = ProcessInfo.processInfo.environment["MMSKIT_REPORT_SCREENSHOT"] ?? ""
        return named.isEmpty ? PackagePaths.root.appendingPathComponent(".build/report-screenshot.png").path : named
    }

    /// The report written to a page in `directory`.
    static func page(_ report: CampaignReport, in directory: TemporaryDirectory, named name: String) throws -> String {
        let page = directory.appending("\(name).html")
        try Data(ReportHTML.render(report).utf8).write(to: URL(fileURLWithPath: page))
        return page
    }

    /// The `<svg>` element with `id` as the browser serialised it, or "" when it is not in the DOM.
    static func chart(_ id: String, in dom: String) -> String {
        guard let start = dom.range(of: "id=\"\(id)\"") else { return "" }
        guard let open = dom[..<start.lowerBound].range(of: "<svg", options: .backwards),
            let end = dom[start.upperBound...].range(of: "</svg>")
        else { return "" }
        return String(dom[open.lowerBound..<end.upperBound])
    }

    static func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyChartIsDrawnWithItsBarsAndThePageFetchesNothing() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let directory = try TemporaryDirectory("mmskit-report-browser")
        let page = try Self.page(ReportFixtures.single, in: directory, named: "report")
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let dom = run.stdout
        #expect(Self.occurrences("<svg class=\"chart ", in: dom) == 4)

        let funnel = Self.chart("chart-funnel", in: dom)
        #expect(funnel.hasPrefix("<svg class=\"chart funnel\""))
        for stage in ["read", "valid", "sent", "delivered"] {
            #expect(Self.occurrences("data-stage=\"\(stage)\"", in: funnel) == 1, "the funnel's \(stage) bar")
        }
        #expect(Self.occurrences("data-stage=", in: funnel) == 4)
        #expect(Self.occurrences("data-loss=", in: funnel) == 8)
        #expect(funnel.contains("<title id=\"chart-funnel-title\">"))

        let timeline = Self.chart("chart-timeline", in: dom)
        #expect(Self.occurrences("<rect class=\"bar delivered\"", in: timeline) == 24)
        #expect(Self.occurrences("<rect class=\"bar failed\"", in: timeline) == 24)
        #expect(timeline.contains(">2025-03-01, China time (UTC+8)</text>"))

        let failures = Self.chart("chart-failures", in: dom)
        #expect(Self.occurrences("<rect class=\"bar failure ", in: failures) == 5)
        #expect(failures.contains("data-code=\"MK:0001\""))

        let times = Self.chart("chart-delivery-time", in: dom)
        #expect(Self.occurrences("data-band=", in: times) == 9)
        #expect(times.contains(">p50 13 s · p90 1 min 35 s · p99 22 min 20 s</text>"))

        #expect(dom.contains("<span class=\"big\" data-figure=\"sent\">11,650</span>"))
        #expect(!dom.contains("<script"))
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request")

        let screenshot = Self.screenshotPath
        let shot = try chromium.screenshot(page, proxy: proxy.url, to: screenshot, width: 412, height: 2000)
        #expect(shot.run.status == 0, "\(shot.run.stderr.suffix(2000))")
        #expect(HeadlessChromium.isPNG(shot.png))
        #expect(shot.png?.count ?? 0 > 10_000)
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request while it was drawn")
        print("report screenshot at a phone's width: \(screenshot)")
    }

    @Test func hostileTextIsTextInTheDOM() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let directory = try TemporaryDirectory("mmskit-report-browser")
        let page = try Self.page(ReportFixtures.hostileReport, in: directory, named: "hostile")
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom", "--virtual-time-budget=3000"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let dom = run.stdout
        #expect(!dom.contains("<script"))
        #expect(!dom.contains("<img"))
        // A text node serialised by the browser: markup characters as references, quotes as they are.
        let text = "&lt;script&gt;alert(1)&lt;/script&gt;\"'&amp;&lt;img src=x onerror=alert(2)&gt;"
        #expect(dom.contains("<h2>Campaign 1: \(text)/journal</h2>"))
        #expect(dom.contains("<li>\(text)</li>"))
        #expect(dom.contains("<td>\(text)\\e[31m\\u{202E}</td>"))
        #expect(dom.contains("<span class=\"reply\">\(text)\nsecond line</span>"))
        #expect(
            dom.contains(
                "data-code=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;&lt;img src=x onerror=alert(2)&gt;\""))
        #expect(Self.occurrences("<svg class=\"chart ", in: dom) == 8)
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request")
    }

    @Test func aReportWithNothingInItShowsEveryChartsFrame() throws {
        guard let chromium = try HeadlessChromium.find() else { return }
        let directory = try TemporaryDirectory("mmskit-report-browser")
        let page = try Self.page(ReportFixtures.empty, in: directory, named: "empty")
        let proxy = try ConnectionCanary()
        defer { proxy.stop() }
        let run = try chromium.open(page, proxy: proxy.url, arguments: ["--dump-dom"])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        for (id, message) in [
            ("chart-funnel", "no numbers to send to"), ("chart-timeline", "no delivery reports yet"),
            ("chart-failures", "no failures: no delivery reports yet"),
            ("chart-delivery-time", "no delivery reports yet"),
        ] {
            let chart = Self.chart(id, in: run.stdout)
            #expect(chart.contains("<rect class=\"empty-frame\""), "\(id)")
            #expect(chart.contains(">\(message)</text>"), "\(id)")
        }
        #expect(HeadlessChromium.pageRequests(proxy).isEmpty, "the page made a request")
    }
}
