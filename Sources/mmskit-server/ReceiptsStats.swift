import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitStore

extension MMSKitServerCommand.Receipts {
    struct Stats: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count receipts per task (delivered, failed by code), uplinks and template reviews.",
            discussion: """
                With --journal (a send journal), each task the campaign sent also shows its pending recipients: \
                those the provider accepted in the task's chunk, minus the receipts stored for it. The journal holds \
                no phone numbers, so pending is a count.
                """
        )

        @OptionGroup var storeOptions: StoreOptions

        @Option(help: ArgumentHelp("Only this task (ihuyi task_id, JSMS msg_id).", valueName: "id"))
        var task: String?

        @Option(help: ArgumentHelp("The send journal of the campaign, for pending counts.", valueName: "send-journal"))
        var journal: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            var statistics = try await storeOptions.withStore { store in try await store.statistics(task: task) }
            if let journal {
                let sent = try SendJournal.contents(at: journal)
                let acknowledged = sent.chunks.sorted { $0.index < $1.index }.compactMap { chunk in
                    chunk.state == .acknowledged
                        ? chunk.taskID.map {
                            PushStatistics.SentChunk(taskID: $0, recipients: chunk.accepted ?? chunk.count)
                        }
                        : nil
                }
                statistics.addPending(from: acknowledged, provider: sent.header.provider, task: task)
            }
            if json { return try StandardOutput.writeJSON(Report(statistics)) }
            try StandardOutput.writeRaw(Self.text(statistics))
        }

        /// The statistics with each failure code's meaning, for `--json`.
        struct Report: Encodable {
            var tasks: [PushStatistics.TaskCounts]
            var uplinks: Int
            var reviews: [PushStatistics.Review]
            /// The meaning of every failure code shown, where the provider documents it.
            var codes: [String: String]

            init(_ statistics: PushStatistics) {
                tasks = statistics.tasks
                uplinks = statistics.uplinks
                reviews = statistics.reviews
                codes = [:]
                for task in statistics.tasks {
                    for code in task.failed.keys {
                        if let meaning = DeliveryCode.meaning(of: code, provider: task.provider) {
                            codes[code] = meaning
                        }
                    }
                }
            }
        }

        static func text(_ statistics: PushStatistics) -> String {
            var text = ""
            if statistics.tasks.isEmpty {
                text += "no receipts\n"
            } else {
                let showsPending = statistics.tasks.contains { $0.pending != nil }
                var table = TextTable(
                    header: ["TASK", "PROVIDER", "RECEIPTS", "DELIVERED", "FAILED"]
                        + (showsPending ? ["SENT", "PENDING"] : []),
                    numericColumns: [2, 3, 4, 5, 6])
                var failures = TextTable(header: ["TASK", "CODE", "COUNT", "MEANING"], numericColumns: [2])
                for task in statistics.tasks {
                    let failed = task.failed.values.reduce(0, +)
                    var row = [
                        task.taskID, task.provider.rawValue, String(task.receipts), String(task.delivered),
                        String(failed),
                    ]
                    if showsPending { row += [task.sent.map(String.init) ?? "", task.pending.map(String.init) ?? ""] }
                    table.rows.append(row)
                    for (code, count) in task.failed.sorted(by: { $0.key < $1.key }) {
                        failures.rows.append([
                            task.taskID, code.isEmpty ? "(none)" : code, String(count),
                            DeliveryCode.meaning(of: code, provider: task.provider) ?? "",
                        ])
                    }
                }
                text += table.render()
                if !failures.rows.isEmpty { text += "\nfailed by code:\n" + failures.render() }
            }
            text += "\nuplinks: \(statistics.uplinks)\n"
            if statistics.reviews.isEmpty {
                text += "template reviews: none\n"
            } else {
                var reviews = TextTable(
                    header: ["TEMPLATE", "PROVIDER", "CODE", "MESSAGE", "TIME"], numericColumns: [0])
                for review in statistics.reviews {
                    reviews.rows.append([
                        review.templateID.map(String.init) ?? "", review.provider.rawValue, review.code ?? "",
                        review.message ?? "", review.time,
                    ])
                }
                text += "template reviews:\n" + reviews.render()
            }
            return text
        }
    }
}
