import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

extension MMSKitServerCommand {
    struct Records: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.recordsAbstract,
            discussion: """
                Any number of ids, from --ids, a file, or stdin (--ids-file -): separated by commas, spaces or \
                lines; duplicates are asked once. They are sent in calls of at most 200 (itniotech's limit) and \
                the answers merged: the counts summed, the records in the order of the ids, and the ids the \
                provider has no record of listed (on stderr, or under not_found with --json). Exit status: 0 \
                success (also when some ids were not found), 1 no ids or ids the provider calls bad, 2 the \
                provider refused or could not be reached, 64 usage.
                """
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Option(help: "The application the ids belong to (itniotech appId).")
        var appID: String?

        @Option(help: ArgumentHelp("The ids, comma-separated.", valueName: "id,…"))
        var ids: String?

        @Option(
            help: ArgumentHelp(
                "A file of ids (commas, spaces or one per line); - reads them from stdin.", valueName: "file"))
        var idsFile: String?

        @Flag(help: "Print the merged result as JSON.")
        var json = false

        @Flag(help: "Print the records as CSV (a header row, then one row per record).")
        var csv = false

        func validate() throws {
            try providerOptions.require(.records)
            let entry = try providerOptions.entry()
            if entry.recordsNeedAppID == true && appID == nil {
                throw ValidationError("\(entry.description.id) records need --app-id")
            }
            if (ids == nil) == (idsFile == nil) {
                throw ValidationError("give the ids with --ids ID,… or --ids-file FILE (- for stdin), one of them")
            }
            if json && csv { throw ValidationError("give --json or --csv, not both") }
        }

        func run() async throws {
            let wanted = try readIDs()
            guard !wanted.isEmpty else {
                let message = "no ids to look up in \(idsFile.map { $0 == "-" ? "stdin" : $0 } ?? "--ids")"
                StandardError.write("error: \(DisplayText.escaped(message))\n")
                throw CommandFailure.fail(CommandFailure.invalidContent, message)
            }
            let settings = try providerOptions.settings()
            let provider = try providerOptions.make(.records, as: (any RecordQuerying).self, settings: settings)
            let report = try await provider.records(RecordQuery(appID: appID, ids: wanted))
            if json { return try StandardOutput.writeJSON(report.json) }
            if !report.notFound.isEmpty {
                let shown =
                    report.notFound.prefix(20).joined(separator: ", ") + (report.notFound.count > 20 ? ", …" : "")
                StandardError.write(
                    DisplayText.escaped("warning: \(Plural.count(report.notFound.count, "id")) not found: \(shown)")
                        + "\n")
            }
            if csv {
                let lines = ([report.columns] + report.rows).map { $0.map(Self.csvField).joined(separator: ",") }
                return try StandardOutput.writeRaw(lines.map { $0 + "\r\n" }.joined())
            }
            var table = TextTable(header: report.columns, numericColumns: [])
            table.rows = report.rows
            try StandardOutput.write((report.rows.isEmpty ? "no records\n" : table.render()) + report.summary + "\n")
        }

        /// The ids in the order given, from --ids or the file (stdin for `-`).
        func readIDs() throws -> [String] {
            let text: String
            if let ids {
                text = ids
            } else if let idsFile, idsFile == "-" {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else if let idsFile {
                guard let data = FileManager.default.contents(atPath: idsFile) else {
                    throw FileSystemError(
                        path: idsFile, operation: "read the ids file",
                        reason: FileManager.default.fileExists(atPath: idsFile)
                            ? "it cannot be read" : "it does not exist")
                }
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = ""
            }
            return text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        }

        /// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
        static func csvField(_ value: String) -> String {
            guard value.contains(where: { ",\"\r\n".contains($0) }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }
}
