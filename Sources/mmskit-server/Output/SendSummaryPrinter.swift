import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

/// What `mmskit send` prints when a campaign ends: the list's counts and skipped lines on stderr, the summary
/// (or JSON) on stdout, and the way to resume when it stopped (exit 2).
struct SendSummaryPrinter {
    /// The phone list as the user named it.
    var phones: String
    var json: Bool

    func print(_ summary: CampaignSummary, list: RecipientListSummary, journal: String) throws {
        printList(list)
        if json {
            struct Output: Encodable {
                var summary: CampaignSummary
                var journal: String
                var valid: Int
                var duplicates: Int
                var invalid: Int
                var suppressed: Int
            }
            try StandardOutput.writeJSON(
                Output(
                    summary: summary, journal: journal, valid: list.valid, duplicates: list.duplicates,
                    invalid: list.invalidCount, suppressed: summary.suppressed))
        } else {
            var text =
                "\(summary.succeeded ? "sent" : "stopped"): \(summary.acknowledgedChunks + summary.skippedChunks) of \(Plural.count(summary.chunks, "chunk")) acknowledged (\(summary.skippedChunks) from an earlier run), \(summary.accepted) accepted, \(summary.rejected.count) rejected\(summary.suppressed > 0 ? ", \(summary.suppressed) suppressed (opted out)" : "")\(summary.unaccounted > 0 ? ", \(summary.unaccounted) unaccounted (delivery unknown)" : "")\n"
            if !summary.taskIDs.isEmpty {
                text += "task ids: \(DisplayText.escaped(summary.taskIDs.joined(separator: ", ")))\n"
            }
            for rejected in summary.rejected.prefix(20) {
                text += "  rejected \(DisplayText.escaped(rejected.mobile)): \(DisplayText.escaped(rejected.reason))\n"
            }
            try StandardOutput.write(text)
        }
        if let failure = summary.failure {
            StandardError.write(
                "error: \(DisplayText.escaped(failure))\nresume with: mmskit send … --resume \(DisplayText.escaped(journal))\n"
            )
            throw CommandFailure.toolFailure
        }
    }

    /// The list's counts and its first 20 invalid lines, each with its line number, on stderr: after a send and
    /// after a dry run alike.
    func printList(_ list: RecipientListSummary) {
        StandardError.write(Self.listLine(list))
        for line in list.invalid.prefix(20) {
            StandardError.write(
                "  skipped \(DisplayText.escaped(phones)):\(line.line): \"\(DisplayText.escaped(line.text))\": \(line.reason)\n"
            )
        }
        if list.invalidCount > 20 {
            StandardError.write("  … and \(Plural.count(list.invalidCount - 20, "more invalid line"))\n")
        }
    }

    /// The numbers a dry run left out, on stderr after the list's counts.
    func printSuppressed(_ count: Int) {
        StandardError.write("suppressed: \(Plural.count(count, "number")) on the opt-out list, left out\n")
    }

    private static func listLine(_ list: RecipientListSummary) -> String {
        "recipients: \(list.valid) valid, \(Plural.count(list.duplicates, "duplicate")) skipped, \(Plural.count(list.invalidCount, "invalid line")) skipped\n"
    }
}
