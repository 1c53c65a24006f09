import Foundation
import MMSKit

/// Renders a `CampaignReport` as one self-contained HTML page: the total funnel in large figures, then charts
/// drawn as inline SVG (the funnel, deliveries over time, failures by code, the delivery-time distribution),
/// then one section per campaign with its chunks, its first replies and its notes. Every chart has a heading,
/// a title and description for screen readers, and a table of its numbers, so nothing is only in a drawing.
///
/// The page fetches nothing, as `mmskit preview`'s does: its style is inline, it has no script, and its
/// Content-Security-Policy forbids scripts and every load. All text from outside (paths, provider codes and
/// their meanings, replies, errors, task ids) is escaped. It reads on a phone (the charts scale to the width;
/// wide tables scroll sideways) and prints with its colours.
public enum ReportHTML {
    /// The policy of every report: nothing by default and the inline style sheet; no image, script or frame.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// The whole HTML document.
    ///
    /// - Parameter report: what to show; its texts are escaped, so a report of hostile journals or replies is
    ///   still a page of text.
    /// - Returns: the page, a complete document starting with `<!DOCTYPE html>`.
    public static func render(_ report: CampaignReport) -> String {
        let single = report.campaigns.count == 1 ? report.campaigns[0] : nil
        let heading = single.map { "Campaign report: \(display($0.journal))" } ?? "Campaign report"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
            <meta name="referrer" content="no-referrer">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.text("mmskit " + heading.prefix(1).lowercased() + heading.dropFirst()))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <main class="report">

            """
        html += header(report, heading: heading)
        html += "<section class=\"overview\" aria-label=\"Charts\">\n"
        html += charts(report.total, suffix: "", readStore: report.readStore, all: true)
        html += "</section>\n"
        for (index, campaign) in report.campaigns.enumerated() {
            html += section(campaign, number: index + 1, readStore: report.readStore, withCharts: single == nil)
        }
        html += """
            <footer>Made by mmskit report on \(HTMLEscaping.text(ReportNumber.chinaTime(report.generated))) China time \
            (UTC+8). Times are China time, as providers write them.</footer>
            </main>
            </body>
            </html>

            """
        return html
    }

    /// The title, what the report covers, and the total funnel in large figures.
    private static func header(_ report: CampaignReport, heading: String) -> String {
        var html = "<header class=\"summary\">\n<h1>\(HTMLEscaping.text(heading))</h1>\n"
        var meta: [String] = []
        if report.campaigns.count != 1 {
            meta.append(Plural.count(report.campaigns.count, "campaign"))
        }
        if let single = report.campaigns.first, report.campaigns.count == 1 {
            meta.append("provider \(display(single.provider.rawValue))")
            meta.append("created \(ReportNumber.chinaTime(single.created))")
        }
        meta.append("made \(ReportNumber.chinaTime(report.generated)) China time (UTC+8)")
        html += "<p class=\"meta\">\(HTMLEscaping.text(meta.joined(separator: " · ")))</p>\n"
        if !report.readStore {
            html += """
                <p class="warning">No store was read (name one with --db): delivered, failed, replies and opt-outs are \
                not known, and every sent number counts as pending.</p>

                """
        }
        let funnel = report.total.funnel
        let known = report.readStore
        let sent = funnel.sent
        let ofSent: (Int, String) -> String = {
            sent == 0 ? "nothing sent" : "\(ReportNumber.percent($0, of: sent)) \($1)"
        }
        html += "<dl class=\"cards\">\n"
        html += card(
            "sent", "Sent", ReportNumber.grouped(sent), "of \(ReportNumber.grouped(funnel.valid)) valid numbers")
        html += card(
            "delivered", "Delivered", known ? ReportNumber.percent(funnel.delivered, of: sent) : nil,
            sent == 0 ? "nothing sent" : "\(ReportNumber.grouped(funnel.delivered)) of those sent")
        html += card(
            "failed", "Failed", known ? ReportNumber.grouped(funnel.failed) : nil,
            ofSent(funnel.failed, "of those sent"))
        html += card(
            "pending", "Pending", ReportNumber.grouped(funnel.pending), ofSent(funnel.pending, "with no report yet"))
        html += card(
            "replies", "Replies", known ? ReportNumber.grouped(funnel.replies) : nil, "from the campaign's numbers")
        html += card("optouts", "Opt-outs", known ? ReportNumber.grouped(funnel.optOuts) : nil, "new since the send")
        html += "</dl>\n</header>\n"
        return html
    }

    /// One large figure; `value` nil when it is not known because no store was read.
    private static func card(_ className: String, _ title: String, _ value: String?, _ detail: String) -> String {
        let shown =
            value.map { "<span class=\"big\" data-figure=\"\(className)\">\(HTMLEscaping.text($0))</span>" }
            ?? "<span class=\"big not-known\" data-figure=\"\(className)\">–</span>"
        let said = value == nil ? "not known: no store read" : detail
        return """
            <div class="card \(className)"><dt>\(HTMLEscaping.text(title))</dt><dd>\(shown)\
            <span class="small">\(HTMLEscaping.text(said))</span></dd></div>

            """
    }

    /// The charts of `figures`: all four for the total, the funnel and failures for a campaign among several.
    private static func charts(_ figures: ReportFigures, suffix: String, readStore: Bool, all: Bool) -> String {
        var html = "<div class=\"charts\">\n"
        html += FunnelChart.figure(figures.funnel, id: "chart-funnel" + suffix, readStore: readStore)
        if all {
            html += TimelineChart.figure(figures.timeline, id: "chart-timeline" + suffix, readStore: readStore)
        }
        html += FailureChart.figure(figures, id: "chart-failures" + suffix, readStore: readStore)
        if all {
            html += DeliveryTimeChart.figure(
                figures.deliveryTime, id: "chart-delivery-time" + suffix, readStore: readStore)
        }
        html += "</div>\n"
        return html
    }

    /// One campaign: where it is recorded, (among several) its funnel and failures, its chunks, replies and notes.
    private static func section(_ campaign: CampaignOutcome, number: Int, readStore: Bool, withCharts: Bool) -> String {
        var html = "<section class=\"campaign\" id=\"campaign-\(number)\">\n"
        html +=
            "<h2>\(HTMLEscaping.text(withCharts ? "Campaign \(number): \(display(campaign.journal))" : "The campaign"))</h2>\n"
        var facts: [(String, String)] = [
            ("Journal", campaign.journal), ("Provider", campaign.provider.rawValue),
        ]
        if let id = campaign.campaignID { facts.append(("Campaign id", id)) }
        facts.append(("Created", "\(ReportNumber.chinaTime(campaign.created)) China time"))
        facts.append(("Phone list", campaign.phones))
        if let sendTime = campaign.sendTime { facts.append(("Scheduled for", "\(sendTime) China time")) }
        let times = campaign.figures.deliveryTime
        if times.count > 0 { facts.append(("Delivery time", DeliveryTimeChart.percentileText(times))) }
        html += "<dl class=\"facts\">\n"
        for (name, value) in facts {
            html += "<dt>\(HTMLEscaping.text(name))</dt><dd>\(HTMLEscaping.text(display(value)))</dd>\n"
        }
        html += "</dl>\n"
        if !campaign.notes.isEmpty {
            html += "<ul class=\"notes\">\n"
            for note in campaign.notes { html += "<li>\(HTMLEscaping.text(display(note)))</li>\n" }
            html += "</ul>\n"
        }
        if withCharts {
            html += charts(campaign.figures, suffix: "-\(number)", readStore: readStore, all: false)
        }
        html += chunkTable(campaign.chunks, readStore: readStore)
        html += replyTable(campaign.replies, count: campaign.figures.funnel.replies, readStore: readStore)
        html += "</section>\n"
        return html
    }

    private static func chunkTable(_ chunks: [ChunkOutcome], readStore: Bool) -> String {
        let heading = "<h3>Chunks</h3>\n"
        guard !chunks.isEmpty else {
            return heading + "<p class=\"empty-note\">The journal records no chunk.</p>\n"
        }
        var table = ReportTable(
            className: "chunks",
            headers: [
                ("#", true), ("State", false), ("Task", false), ("Numbers", true), ("Suppressed", true),
                ("Sent", true), ("Rejected", true), ("Delivered", true), ("Failed", true), ("Pending", true),
                ("Replies", true), ("Error", false),
            ])
        for chunk in chunks {
            let storeFigure: (Int) -> ReportTable.Cell = { readStore ? .number($0) : .notKnown }
            table.append([
                .number(chunk.number), .markup(badge(chunk.state)),
                .markup(chunk.taskID.map { "<code>\(HTMLEscaping.text(display($0)))</code>" } ?? ""),
                .number(chunk.numbers), .number(chunk.suppressed), .number(chunk.sent), .number(chunk.rejected),
                storeFigure(chunk.delivered), storeFigure(chunk.failed), .number(chunk.pending),
                storeFigure(chunk.replies), .text(chunk.error ?? ""),
            ])
        }
        return heading + table.render()
    }

    /// A chunk's state as a badge; its colour only for the states the journal knows.
    private static func badge(_ state: String) -> String {
        let known = ["acknowledged", "failed", "unknown", "pending"].contains(state) ? " \(state)" : ""
        return "<span class=\"badge\(known)\">\(HTMLEscaping.text(display(state)))</span>"
    }

    private static func replyTable(_ replies: [ReplySample], count: Int, readStore: Bool) -> String {
        var html = "<h3>Replies</h3>\n"
        guard readStore else {
            return html + "<p class=\"empty-note\">Replies are not known: no store was read.</p>\n"
        }
        guard !replies.isEmpty else {
            return html + "<p class=\"empty-note\">No replies.</p>\n"
        }
        let optOuts = replies.filter(\.optOut).count
        var lead = replies.count < count ? "The first \(replies.count) of \(ReportNumber.grouped(count)) replies" : ""
        if lead.isEmpty { lead = Plural.count(replies.count, "reply", plural: "replies") }
        lead += optOuts > 0 ? "; \(Plural.count(optOuts, "opt-out")) marked." : "."
        html += "<p class=\"meta\">\(HTMLEscaping.text(lead))</p>\n"
        var table = ReportTable(
            className: "replies", headers: [("Time", false), ("Phone", false), ("Reply", false), ("", false)])
        for reply in replies {
            table.append(
                [
                    .text(reply.time ?? ""), .text(reply.phone),
                    .markup(
                        "<span class=\"reply\">\(HTMLEscaping.text(DisplayText.escaped(reply.content, keepingLines: true)))</span>"
                    ),
                    .markup(reply.optOut ? "<span class=\"badge optout\">opt-out</span>" : ""),
                ], className: reply.optOut ? "optout" : nil)
        }
        return html + table.render()
    }

    /// Text from outside with its control characters shown, not acted on (it is HTML-escaped where it is put).
    private static func display(_ text: String) -> String {
        DisplayText.escaped(text)
    }
}
