import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitStore

extension MMSKitServerCommand.Receipts {
    struct List: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stored pushes in arrival order, as a table or (--json) a JSON array.")

        @OptionGroup var storeOptions: StoreOptions
        @OptionGroup var filters: PushFilterOptions

        @Option(help: ArgumentHelp("At most this many records.", valueName: "n"))
        var limit: Int?

        @Flag(help: "Print the records as a JSON array (streamed), each with the provider's payload.")
        var json = false

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        }

        func run() async throws {
            let query = filters.query(limit: limit)
            if json {
                try await storeOptions.withStore { store in
                    var first = true
                    for try await push in store.records(matching: query) {
                        try StandardOutput.writeRaw(
                            (first ? "[\n  " : ",\n  ") + String(decoding: push.jsonData(), as: UTF8.self))
                        first = false
                    }
                    try StandardOutput.writeRaw(first ? "[]\n" : "\n]\n")
                }
                return
            }
            var table = TextTable(
                header: ["ID", "KIND", "PROVIDER", "TASK", "PHONE", "CODE", "MESSAGE", "EVENT TIME", "RECEIVED"],
                numericColumns: [0])
            try await storeOptions.withStore { store in
                for try await push in store.records(matching: query) {
                    let record = push.record
                    table.rows.append([
                        String(push.id), record.kind.rawValue, record.provider.rawValue, record.taskID ?? "",
                        record.phone ?? "",
                        record.code ?? "",
                        record.message ?? record.templateID.map { "template \($0)" } ?? "", record.eventTime ?? "",
                        StoredPush.timestamp(push.receivedAt),
                    ])
                }
            }
            try StandardOutput.writeRaw(table.rows.isEmpty ? "no records\n" : table.render())
        }
    }
}
