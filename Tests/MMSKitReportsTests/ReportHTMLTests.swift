import Foundation
import Testing

@testable import MMSKitReports

@Suite struct ReportHTMLTests {
    static let chartIDs = ["chart-funnel", "chart-timeline", "chart-failures", "chart-delivery-time"]

    static let reports: [(String, CampaignReport)] = [
        ("single", ReportFixtures.single), ("two", ReportFixtures.two), ("empty", ReportFixtures.empty),
        ("none", ReportFixtures.none), ("without a store", ReportFixtures.withoutStore),
        ("hostile", ReportFixtures.hostileReport),
    ]

    static func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Every attribute value that holds a coordinate or a size.
    static func coordinates(_ html: String) throws -> [String] {
        let pattern = try Regex(#" (?:x|y|x1|y1|x2|y2|width|height)="([^"]*)""#)
        return html.matches(of: pattern).compactMap { $0.output[1].substring.map(String.init) }
    }

    @Test(arguments: reports.indices)
    func pageFetchesNothingAndRunsNothing(index: Int) throws {
        let (name, report) = Self.reports[index]
        let html = ReportHTML.render(report)
        #expect(html.hasPrefix("<!DOCTYPE html>"), "\(name)")
        #expect(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">"
            ), "\(name)")
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        let lowered = html.lowercased()
        for forbidden in ["<script", "http:", "https:", "url(", "@import", "<link", "<img", "<iframe", "<object"] {
            #expect(!lowered.contains(forbidden), "\(name) contains \(forbidden)")
        }
        let names = try Self.attributeNames(html)
        for forbidden in ["src", "href", "xlink:href", "srcset", "action", "poster", "background", "style"] {
            #expect(!names.contains(forbidden), "\(name) has a \(forbidden) attribute")
        }
        #expect(!names.contains { $0.hasPrefix("on") }, "\(name) has an event handler")
    }

    /// The names of every attribute of every tag (quoted values left out, so that escaped text in a value
    /// cannot pass for an attribute).
    static func attributeNames(_ html: String) throws -> Set<String> {
        let tag = try Regex(#"<[a-zA-Z][^>]*>"#)
        let quoted = try Regex(#""[^"]*""#)
        let name = try Regex(#"\s([a-zA-Z:-]+)="#)
        var names: Set<String> = []
        for match in html.matches(of: tag) {
            let bare = String(html[match.range]).replacing(quoted, with: "\"\"")
            for attribute in bare.matches(of: name) {
                names.insert(attribute.output[1].substring.map { $0.lowercased() } ?? "")
            }
        }
        return names
    }

    @Test(arguments: reports.indices)
    func everyChartIsThereOnceWithATitleAndAViewBox(index: Int) {
        let (name, report) = Self.reports[index]
        let html = ReportHTML.render(report)
        for id in Self.chartIDs {
            #expect(Self.occurrences("id=\"\(id)\"", in: html) == 1, "\(name): \(id)")
            #expect(html.contains("<title id=\"\(id)-title\">"), "\(name): \(id)")
        }
        let charts = Self.occurrences("<svg class=\"chart ", in: html)
        #expect(Self.occurrences(" viewBox=\"0 0 400 ", in: html) == charts)
        #expect(Self.occurrences(" role=\"img\" aria-labelledby=", in: html) == charts)
        #expect(Self.occurrences("width=\"100%\"", in: html) == charts)
    }

    @Test(arguments: reports.indices)
    func everyCoordinateIsAFiniteNumber(index: Int) throws {
        let (name, report) = Self.reports[index]
        let html = ReportHTML.render(report)
        let coordinates = try Self.coordinates(html)
        #expect(!coordinates.isEmpty)
        let number = try Regex(#"^-?[0-9]+(\.[0-9])?(%)?$"#)
        for value in coordinates {
            #expect(value.wholeMatch(of: number) != nil, "\(name): coordinate \(value)")
        }
        #expect(!html.contains("NaN"), "\(name)")
        #expect(!html.lowercased().contains("inf\""), "\(name)")
        #expect(!html.contains("-0\""), "\(name)")
    }

    @Test func aCampaignWithNothingInItDrawsEmptyFramesThatSaySo() {
        let html = ReportHTML.render(ReportFixtures.empty)
        for kind in ["funnel", "timeline", "failures", "delivery-time"] {
            #expect(html.contains("<svg class=\"chart \(kind) empty\""), "\(kind)")
        }
        #expect(Self.occurrences(">no delivery reports yet</text>", in: html) == 2)
        #expect(html.contains(">no numbers to send to</text>"))
        #expect(html.contains(">no failures: no delivery reports yet</text>"))
        #expect(!html.contains("class=\"bar"))
        #expect(html.contains("The journal records no chunk."))
        #expect(html.contains("No replies."))
        #expect(!html.contains("– of"), "a share of nothing is left out")
    }

    @Test func numbersAreGroupedAndDurationsHuman() {
        let html = ReportHTML.render(ReportFixtures.single)
        for shown in [
            ">11,650</span>", ">96.2%</span>", "11,203 of those sent", "12,000 · 96.2% of read",
            "<td class=\"num\">12,480</td>", "p50 13 s · p90 1 min 35 s · p99 22 min 20 s",
            "fastest 1.2 s, slowest 1 h 30 min", "lost: 120 suppressed · 30 rejected · 100 unknown",
            "<code>MK:0001</code>", "空号 (number does not exist)", "ihuyi answered 4085: 单个手机号码发送超出限制",
            ">2025-03-01, China time (UTC+8)</text>", ">10:00</text>", "in bins of 5 min",
            "from 2025-03-01 10:00 to 12:00 China time (UTC+8)", "the busiest bin, 10:05–10:10, has 2,608.",
            "The first 4 of 57 replies; 2 opt-outs marked.", "<span class=\"badge optout\">opt-out</span>",
            "The phone list changed after the send",
        ] {
            #expect(html.contains(shown), "\(shown)")
        }
    }

    /// Every delivery within one band puts its count and all three percentiles beside its bar, the longest: the
    /// bars end before the widest of those texts begins (they overlapped when the room for it was fixed).
    @Test(arguments: [[2_873, 0, 0, 0, 0, 0, 0, 0, 0], [1_200, 3_900, 3_100, 1_500, 800, 400, 200, 90, 13]])
    func deliveryTimeBarsEndBeforeTheirCounts(counts: [Int]) throws {
        let all = counts.reduce(0, +)
        let times = DeliveryTimes(
            count: all, p50: 2, p90: counts[1] == 0 ? 2 : 95, p99: counts[1] == 0 ? 2 : 1_340, minimum: 1,
            maximum: 2, distribution: ReportFixtures.distribution(counts))
        let svg = DeliveryTimeChart.figure(times, id: "chart-delivery-time", readStore: true)
        let bars = try Regex(#"<rect class="bar delivered" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)""#)
        let barEnds = svg.matches(of: bars).compactMap { match -> Double? in
            guard let x = Double(match.output[1].substring ?? ""), let width = Double(match.output[2].substring ?? "")
            else { return nil }
            return x + width
        }
        let values = try Regex(#"<text class="band[^"]*" x="([0-9.]+)" y="[0-9.]+" text-anchor="end">([^<]*)</text>"#)
        let valueStarts = svg.matches(of: values).compactMap { match -> Double? in
            guard let right = Double(match.output[1].substring ?? "") else { return nil }
            return right - SVGChart.estimatedWidth(String(match.output[2].substring ?? ""), fontSize: 13)
        }
        #expect(barEnds.count == 9 && valueStarts.count == 9)
        #expect(svg.contains(counts[1] == 0 ? ">2,873 · p50 p90 p99</text>" : ">800 · p90</text>"))
        let longest = try #require(barEnds.max())
        #expect(longest > 150, "the longest bar keeps most of the width")
        #expect(longest < (valueStarts.min() ?? 0), "a bar runs into the counts: \(barEnds) \(valueStarts)")
    }

    @Test func theFunnelHasOneBarPerStageAndItsLossesBesideIt() {
        let single = ReportHTML.render(ReportFixtures.single)
        for stage in ["read", "valid", "sent", "delivered"] {
            #expect(Self.occurrences("data-stage=\"\(stage)\"", in: single) == 1, "\(stage)")
        }
        for loss in ["invalid", "duplicates", "suppressed", "rejected", "unknown", "not sent", "failed", "pending"] {
            #expect(Self.occurrences("data-loss=\"\(loss)\"", in: single) == 1, "\(loss)")
        }
        // 12,480 read fills the bar (384 wide); valid, 12,000, with its 480 losses makes it up again.
        #expect(single.contains("class=\"bar stage read\" x=\"8\" y=\"26\" width=\"384\""))
        let withoutList = ReportHTML.render(ReportFixtures.withoutStore)
        #expect(!withoutList.contains("data-stage=\"read\""))
        #expect(Self.occurrences("data-stage=", in: withoutList) == 3)
    }

    @Test func oneCampaignIsShownOnceAndSeveralEachWithTheirFunnelAndFailures() {
        let single = ReportHTML.render(ReportFixtures.single)
        #expect(Self.occurrences("<svg class=\"chart ", in: single) == 4)
        #expect(Self.occurrences("<section class=\"campaign\"", in: single) == 1)
        #expect(single.contains("<h1>Campaign report: spring-promo.journal</h1>"))
        let two = ReportHTML.render(ReportFixtures.two)
        #expect(Self.occurrences("<svg class=\"chart ", in: two) == 8)
        for id in ["chart-funnel-1", "chart-failures-1", "chart-funnel-2", "chart-failures-2"] {
            #expect(Self.occurrences("id=\"\(id)\"", in: two) == 1, "\(id)")
        }
        #expect(two.contains("<h2>Campaign 2: spring-jsms.journal</h2>"))
        #expect(two.contains("id=\"chart-failures-2\" viewBox=\"0 0 400 120\""), "the second has no failures")
        let none = ReportHTML.render(ReportFixtures.none)
        #expect(none.contains("0 campaigns"))
        #expect(!none.contains("<section class=\"campaign\""))
    }

    @Test func withoutAStoreWhatOnlyTheStoreKnowsIsNotKnown() {
        let html = ReportHTML.render(ReportFixtures.withoutStore)
        #expect(html.contains("No store was read (name one with --db)"))
        for figure in ["delivered", "failed", "replies", "optouts"] {
            #expect(html.contains("<span class=\"big not-known\" data-figure=\"\(figure)\">–</span>"), "\(figure)")
        }
        #expect(html.contains("<span class=\"big\" data-figure=\"pending\">4,990</span>"))
        #expect(html.contains(">no store read: delivery reports not known</text>"))
        #expect(html.contains("Replies are not known: no store was read."))
        #expect(html.contains("data-code=\"4002\""), "refusals are in the journal, known without a store")
        #expect(html.contains("Scheduled for</dt><dd>2025-03-01 10:00:00 China time"))
    }

    @Test func hostileTextIsOnlyEverText() {
        let html = ReportHTML.render(ReportFixtures.hostileReport)
        let hostile = ReportFixtures.hostile
        #expect(!html.contains(hostile))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(2)>"))
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(2)&gt;"
        #expect(html.contains("<h2>Campaign 1: \(escaped)/journal</h2>"))
        #expect(html.contains("<dt>Provider</dt><dd>\(escaped.lowercased())</dd>"))
        #expect(html.contains("<dt>Phone list</dt><dd>\(escaped)</dd>"))
        #expect(html.contains("<li>\(escaped)</li>"))
        #expect(html.contains("<td><code>\(escaped)</code></td><td>\(escaped)</td>"), "the failure code and meaning")
        #expect(html.contains("data-code=\"\(escaped)\""))
        #expect(html.contains("<code>\(escaped)</code></td>"), "the task id")
        #expect(html.contains("<span class=\"badge\">\(escaped)</span>"), "an unknown state gets no class of its own")
        #expect(html.contains("<td>\(escaped)\\e[31m\\u{202E}</td>"), "control characters are shown, not obeyed")
        #expect(html.contains("<span class=\"reply\">\(escaped)\nsecond line</span>"))
        #expect(html.contains("<text class=\"band\" x=\"8\" y=\"44\">&lt;script&gt;a…</text>"))
        #expect(!html.contains("\u{1B}"))
        #expect(!html.contains("\u{202E}"))
    }

    @Test func moreCodesThanTheChartDrawsAreSummedUpAndAllInTheTable() {
        var report = ReportFixtures.single
        report.total.failures = (1...13).map {
            FailureCount(code: "E\($0)", meaning: nil, stage: .receipt, count: 100 - $0)
        }
        let html = ReportHTML.render(report)
        #expect(Self.occurrences("class=\"bar failure receipt\"", in: html) == FailureChart.drawnCodes)
        #expect(html.contains(">and 3 more codes (264 numbers) in the table</text>"))
        #expect(html.contains("<td><code>E13</code></td>"))
    }

    @Test func timelineAxisIsChinaTimeAndDaysWhenTheyDiffer() {
        var report = ReportFixtures.single
        report.total.timeline = ReportFixtures.timeline([(5, 1), (0, 0), (7, 2)], binSeconds: 43_200)
        let html = ReportHTML.render(report)
        #expect(html.contains(">03-01 10:00</text>"))
        #expect(html.contains(">03-02 10:00</text>"))
        #expect(html.contains(">China time (UTC+8)</text>"))
        #expect(html.contains("12 delivered and 3 failed reports from 2025-03-01 10:00 to 2025-03-02 22:00 China time"))
        #expect(html.contains("the busiest bin, 2025-03-02 10:00–2025-03-02 22:00, has 9."))
        let one = ReportFixtures.timeline([(3, 0)], binSeconds: 60)
        report.total.timeline = one
        let single = ReportHTML.render(report)
        #expect(single.contains(">10:00</text>"))
        #expect(single.contains("class=\"bar delivered\" x=\"197\" y=\"12\" width=\"40\" height=\"184\""))
    }
}

@Suite struct ReportNumberTests {
    @Test(arguments: [
        (0.4, "0.4 s"), (3.0, "3 s"), (12.5, "13 s"), (42.0, "42 s"), (60.0, "1 min"), (185.0, "3 min 5 s"),
        (3_600.0, "1 h"), (3_720.0, "1 h 2 min"), (86_399.0, "1 d"), (183_600.0, "2 d 3 h"), (-42.0, "-42 s"),
        (Double.nan, "–"), (Double.infinity, "–"),
    ])
    func durations(seconds: Double, shown: String) {
        #expect(ReportNumber.duration(seconds) == shown)
    }

    @Test func durationOfNothingIsADash() {
        #expect(ReportNumber.duration(nil) == "–")
    }

    @Test func countsAreGroupedInThrees() {
        #expect(ReportNumber.grouped(0) == "0")
        #expect(ReportNumber.grouped(999) == "999")
        #expect(ReportNumber.grouped(1_000) == "1,000")
        #expect(ReportNumber.grouped(1_234_567) == "1,234,567")
        #expect(ReportNumber.grouped(-1_000) == "-1,000")
    }

    @Test func sharesAreNeverRoundedToAllOrNothing() {
        #expect(ReportNumber.percent(0.9996) == "99.9%")
        #expect(ReportNumber.percent(1) == "100.0%")
        #expect(ReportNumber.percent(0.0001) == "<0.1%")
        #expect(ReportNumber.percent(0) == "0.0%")
        #expect(ReportNumber.percent(3, of: 0) == "–")
        #expect(ReportNumber.percent(1, of: 3) == "33.3%")
    }

    @Test func axisCeilingsAreRound() {
        #expect(TimelineChart.niceCeiling(0) == 1)
        #expect(TimelineChart.niceCeiling(7) == 8)
        #expect(TimelineChart.niceCeiling(2_608) == 3_000)
        #expect(TimelineChart.niceCeiling(Int.max) == Int.max)
        #expect(SVGChart.coordinate(.nan) == "0")
        #expect(SVGChart.coordinate(-0.04) == "0")
        #expect(SVGChart.share(5, of: 0) == 0)
    }
}
