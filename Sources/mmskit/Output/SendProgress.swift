import Foundation
import MMSKitProviders

/// Campaign progress on stderr: a redrawn bar on a terminal, one line per chunk otherwise.
final class SendProgress: @unchecked Sendable {
    private let interactive: Bool
    private let started = Date()
    private var sent = 0
    private var chunks = 0

    init(interactive: Bool) {
        self.interactive = interactive
    }

    func show(_ event: CampaignEvent, read: Int) {
        switch event {
        case .skipped(let chunk, let count, let taskID):
            sent += count
            chunks += 1
            line("chunk \(chunk): \(count) numbers already acknowledged\(taskID.map { " (task \($0))" } ?? ""), skipped")
        case .sending(let chunk, _, let count, let attempt):
            if interactive {
                let rate = Double(sent) / max(Date().timeIntervalSince(started), 0.001)
                StandardError.write("\r\u{1B}[Kchunk \(chunk + 1) (\(count) numbers\(attempt > 1 ? ", attempt \(attempt)" : "")) · \(sent) sent · \(Int(rate))/s")
            }
        case .retrying(let chunk, let after, let reason):
            line("chunk \(chunk): \(reason); retrying in \(after.components.seconds).\(after.components.attoseconds / 100_000_000_000_000_000) s with the same request")
        case .acknowledged(let chunk, let receipt):
            sent += receipt.accepted
            chunks += 1
            line("chunk \(chunk): \(receipt.accepted) accepted\(receipt.rejected.isEmpty ? "" : ", \(receipt.rejected.count) rejected")\(receipt.taskID.map { ", task \($0)" } ?? "")")
        case .failed(let chunk, let reason):
            line("chunk \(chunk) failed: \(reason)")
        }
    }

    func finish() {
        if interactive { StandardError.write("\r\u{1B}[K") }
    }

    private func line(_ text: String) {
        StandardError.write((interactive ? "\r\u{1B}[K" : "") + text + "\n")
    }
}
