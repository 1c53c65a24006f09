import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Campaign progress on stderr. On a terminal, one status line redrawn in place (cut to the terminal's width,
/// so it never wraps and leaves fragments behind), with only retries and failures printed as lines of their
/// own; otherwise (a log, a pipe, `TERM=dumb`) one line per chunk. Chunks are counted from 1 in both, as in
/// every other message (the journal's `index` counts from 0).
final class SendProgress: @unchecked Sendable {
    private let interactive: Bool
    private let started = Date()
    private var sent = 0
    private var chunks = 0
    private var status = ""

    init(interactive: Bool) {
        self.interactive = interactive
    }

    func show(_ event: CampaignEvent, read: Int) {
        switch event {
        case .skipped(let chunk, let count, let taskID):
            sent += count
            chunks += 1
            log(
                "chunk \(chunk + 1): \(Plural.count(count, "number")) already acknowledged\(taskID.map { " (task \($0))" } ?? ""), skipped"
            )
        case .sending(let chunk, let first, let count, let attempt):
            redraw(
                "sending chunk \(chunk + 1) (recipients \(first + 1)–\(first + count)\(attempt > 1 ? ", attempt \(attempt)" : ""))"
            )
        case .retrying(let chunk, let after, let reason):
            let seconds = String(
                format: "%.1f", Double(after.components.seconds) + Double(after.components.attoseconds) / 1e18)
            line("chunk \(chunk + 1): \(reason); retrying in \(seconds) s with the same request")
        case .acknowledged(let chunk, let receipt):
            sent += receipt.accepted
            chunks += 1
            log(
                "chunk \(chunk + 1): \(receipt.accepted) accepted\(receipt.rejected.isEmpty ? "" : ", \(receipt.rejected.count) rejected")\(receipt.taskID.map { ", task \($0)" } ?? "")"
            )
        case .failed(let chunk, let reason):
            line("chunk \(chunk + 1) failed: \(reason)")
        }
    }

    func finish() {
        if interactive && !status.isEmpty { StandardError.writeRaw("\r\u{1B}[K") }
        status = ""
    }

    /// A per-chunk record: a line of its own in a log, the status line on a terminal.
    private func log(_ text: String) {
        if interactive { redraw(text) } else { StandardError.writeRaw(DisplayText.escaped(text) + "\n") }
    }

    /// Something the user must see: a line of its own, above the status line on a terminal.
    private func line(_ text: String) {
        let text = DisplayText.escaped(text)
        if interactive {
            StandardError.writeRaw("\r\u{1B}[K" + text + "\n")
            if !status.isEmpty { StandardError.writeRaw(Self.fitted(status)) }
        } else {
            StandardError.writeRaw(text + "\n")
        }
    }

    /// Redraws the status line on a terminal (nothing in a log: the per-chunk lines say it).
    private func redraw(_ text: String) {
        guard interactive else { return }
        let rate = Double(sent) / max(Date().timeIntervalSince(started), 0.001)
        status = DisplayText.escaped("\(text) · \(sent) sent, \(Int(rate))/s · \(Plural.count(chunks, "chunk")) done")
        StandardError.writeRaw("\r\u{1B}[K" + Self.fitted(status))
    }

    /// `text` cut to one column less than the terminal is wide, so the cursor never wraps to a new row.
    static func fitted(_ text: String, width: Int = Terminal.width(STDERR_FILENO)) -> String {
        DisplayWidth.truncated(text, toColumns: max(width - 1, 10))
    }
}
