import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitReports

/// `mmskit report --format text`: each campaign's funnel, delivery time, failures by code, chunks and first
/// replies, then the total of several. Text from outside (paths, codes, replies) is shown escaped.
enum CampaignReportText {
    static func render(_ report: CampaignReport) -> String {
        var text = ""
        for (index, campaign) in report.campaigns.enumerated() {
            if index > 0 { text += "\n" }
            text += campaignText(campaign)
        }
        if report.campaigns.count > 1 {
            text += "\ntotal of \(report.campaigns.count) campaigns\n"
            text += figuresText(report.total, provider: nil)
        }
        return text
    }

    private static func campaignText(_ campaign: CampaignOutcome) -> String {
        var text =
            "campaign \(DisplayText.escaped(campaign.journal)) (\(campaign.provider), created \(chinaTime(campaign.created)) China time\(campaign.sendTime.map { ", scheduled \($0)" } ?? ""))\n"
        text += "  phone list: \(DisplayText.escaped(campaign.phones))\n"
        text += figuresText(campaign.figures, provider: campaign.provider.rawValue)
        if !campaign.chunks.isEmpty {
            var table = TextTable(
                header: [
                    "CHUNK", "STATE", "TASK", "NUMBERS", "SUPPRESSED", "SENT", "REJECTED", "DELIVERED", "FAILED",
                    "PENDING", "REPLIES",
                ],
                numericColumns: [0, 3, 4, 5, 6, 7, 8, 9, 10])
            for chunk in campaign.chunks {
                table.rows.append(
                    [
                        String(chunk.number), chunk.state, DisplayText.escaped(chunk.taskID ?? ""),
                        String(chunk.numbers),
                        String(chunk.suppressed), String(chunk.sent), String(chunk.rejected), String(chunk.delivered),
                        String(chunk.failed), String(chunk.pending), String(chunk.replies),
                    ])
            }
            text += "  chunks:\n" + indented(table.render())
            for chunk in campaign.chunks {
                if let error = chunk.error { text += "    chunk \(chunk.number): \(DisplayText.escaped(error))\n" }
            }
        }
        if !campaign.replies.isEmpty {
            let shown =
                campaign.replies.count < campaign.figures.funnel.replies ? "first \(campaign.replies.count) " : ""
            text += "  \(shown)replies:\n"
            var table = TextTable(header: ["PHONE", "TIME", "OPT-OUT", "CONTENT"], numericColumns: [])
            for reply in campaign.replies {
                table.rows.append([
                    DisplayText.escaped(reply.phone), DisplayText.escaped(reply.time ?? ""), reply.optOut ? "yes" : "",
                    DisplayText.escaped(reply.content),
                ])
            }
            text += indented(table.render())
        }
        for note in campaign.notes { text += "  note: \(DisplayText.escaped(note))\n" }
        return text
    }

    private static func figuresText(_ figures: ReportFigures, provider: String?) -> String {
        let funnel = figures.funnel
        var table = TextTable(header: ["STAGE", "NUMBERS", "SHARE"], numericColumns: [1, 2])
        func row(_ name: String, _ count: Int?, of whole: Int? = nil) {
            let share = whole.flatMap { whole in count.map { ReportNumber.percent($0, of: whole) } } ?? ""
            table.rows.append([name, count.map(GroupedNumber.text) ?? "unknown", share])
        }
        row("read", funnel.read)
        row("invalid", funnel.invalid)
        row("duplicate", funnel.duplicates)
        row("valid", funnel.valid)
        row("suppressed (opted out)", funnel.suppressed, of: funnel.valid)
        row("sent (accepted\(provider.map { " by \($0)" } ?? ""))", funnel.sent, of: funnel.valid)
        row("rejected", funnel.rejected, of: funnel.valid)
        row("unknown", funnel.unknown, of: funnel.valid)
        row("not sent", funnel.notSent, of: funnel.valid)
        row("delivered", funnel.delivered, of: funnel.sent)
        row("failed", funnel.failed, of: funnel.sent)
        row("pending (no report yet)", funnel.pending, of: funnel.sent)
        row("replies", funnel.replies)
        row("new opt-outs", funnel.optOuts)
        var text = indented(table.render())
        let times = figures.deliveryTime
        if let p50 = times.p50, let p90 = times.p90, let p99 = times.p99 {
            text +=
                "  delivery time: p50 \(ReportNumber.duration(p50)), p90 \(ReportNumber.duration(p90)), p99 \(ReportNumber.duration(p99)) (\(GroupedNumber.text(times.count)) delivered, fastest \(ReportNumber.duration(times.minimum ?? 0)), slowest \(ReportNumber.duration(times.maximum ?? 0)))\n"
            let widest = times.distribution.map(\.count).max() ?? 0
            for band in times.distribution where band.count > 0 || widest == 0 {
                let bar = String(repeating: "█", count: widest == 0 ? 0 : max(1, band.count * 30 / widest))
                text +=
                    "    \(band.label.padding(toLength: 10, withPad: " ", startingAt: 0)) \(String(GroupedNumber.text(band.count)).leftPadded(9)) \(bar)\n"
            }
        } else {
            text += "  delivery time: no delivery report with both times yet\n"
        }
        if !figures.failures.isEmpty {
            var failures = TextTable(header: ["CODE", "STAGE", "NUMBERS", "MEANING"], numericColumns: [2])
            for failure in figures.failures {
                failures.rows.append([
                    failure.code.isEmpty ? "(none)" : DisplayText.escaped(failure.code), failure.stage.rawValue,
                    GroupedNumber.text(failure.count), DisplayText.escaped(failure.meaning ?? ""),
                ])
            }
            text += "  failed by code:\n" + indented(failures.render())
        }
        return text
    }

    private static func indented(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    \($0)" }
            .joined(separator: "\n")
    }

    static func chinaTime(_ date: Date) -> String {
        ChinaTime.format(date)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
