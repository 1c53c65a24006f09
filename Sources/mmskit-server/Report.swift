import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitReports
import MMSKitStore

extension MMSKitServerCommand {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report on sent campaigns: the funnel, failures by code, delivery time, chunks and replies.",
            discussion: """
                Reads each send journal, the phone list it names (checked by its SHA-256; --phones when it moved) and, \
                with --db, the store `receipts serve` wrote. Several journals: one campaign each, then their total. \
                --format html writes one self-contained page with charts (no scripts, nothing fetched). \
                --failures FILE writes every number behind a failure code (CSV or JSON lines by its extension). \
                Outputs appear only when complete, and never over an input. Exit status: 0 done, 2 a journal, \
                phone list, store or output that cannot be used, 64 usage.
                """)

        @Argument(help: ArgumentHelp("The send journals, one campaign each.", valueName: "journal"))
        var journals: [String]

        @Option(
            name: .customLong("db"),
            help: ArgumentHelp(
                "The store receipts serve wrote (a SQLite file or a postgres:// URL; default: opt_outs.store of .mmskit.yml): delivered, failed, replies and opt-outs come from it. Without one the report is the journals' alone.",
                valueName: "db"))
        var database: String?

        @Option(
            help: ArgumentHelp(
                "The campaign's phone list, when it is no longer where the journal says (one journal only).",
                valueName: "file"))
        var phones: String?

        @Option(
            help: ArgumentHelp(
                "For a journal written before mmskit recorded it (before the report existed): the CSV column send read the numbers from (a header name or a 1-based index).",
                valueName: "column"))
        var column: String?

        @Flag(help: "With a numeric --column for such a journal: the first line is a header.")
        var header = false

        @Option(help: "text, json or html (one self-contained page with charts: no script, nothing fetched).")
        var format: ReportFormat = .text

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        @Option(
            help: ArgumentHelp(
                "Write every failed or refused number with its code to this file: .csv or .jsonl.",
                valueName: "file"))
        var failures: String?

        @Option(
            help: ArgumentHelp(
                "The .mmskit.yml whose opt_outs section names the opt-out keywords, to mark replies (default: the nearest, searched upwards from here).",
                valueName: "file"))
        var config: String?

        enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json, html
        }

        func validate() throws {
            if phones != nil, journals.count > 1 {
                throw ValidationError("--phones names the list of one campaign: give one journal with it")
            }
            if let database {
                do {
                    _ = try StoreLocation(parsing: database)
                } catch {
                    throw ValidationError(error.description)
                }
            }
            if header, column == nil { throw ValidationError("--header goes with --column") }
            _ = try listOptions()
            if let failures, Self.failureFormat(failures) == nil {
                throw ValidationError("--failures \(failures): name a .csv or .jsonl file")
            }
        }

        /// The layout `--column`/`--header` give, or nil to read each list as its journal says.
        func listOptions() throws -> RecipientListOptions? {
            guard column != nil else { return nil }
            return try Send.usage { () throws(CampaignOptionsError) in
                try RecipientListOptions(column: column, hasHeader: header, strict: false)
            }
        }

        // Typed throws called straight from an async function crashed the release build's optimiser (see
        // StandardOutput): the configuration and the journals are read in synchronous functions.

        /// The configuration --config names, or the nearest .mmskit.yml.
        static func configuration(_ path: String?) throws -> LintConfiguration {
            try ConfigurationDiscovery.load(path: path)
        }

        /// The phone lists the journals name (inputs no output may replace); a journal that cannot be read names none.
        static func phoneLists(of journals: [String]) -> [String] {
            journals.compactMap { journal in try? SendJournal.contents(at: journal).header.phonesPath }
        }

        /// The store named by --db or the configuration; a configured one that is not a store is a usage error.
        static func location(_ setting: String) throws -> StoreLocation {
            do {
                return try StoreLocation(parsing: setting)
            } catch {
                throw ValidationError("\(setting): \(error.description)")
            }
        }

        static func failureFormat(_ path: String) -> PushExportFormat? {
            if path.hasSuffix(".csv") { return .csv }
            if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
            return nil
        }

        func run() async throws {
            let configuration = try Self.configuration(config)
            let keywords = configuration.optOutKeywords
            let listOptions = try listOptions()
            let sources = journals.map {
                CampaignReporter.Source(journal: $0, phones: phones, listOptions: listOptions)
            }
            // --db, else the store .mmskit.yml names (opt_outs.store).
            let location = try (database ?? configuration.optOutStore).map { try Self.location($0) }
            var inputs = journals + (phones.map { [$0] } ?? [])
            inputs += location?.files ?? []
            inputs += Self.phoneLists(of: journals)
            let protected = InputFiles(inputs)
            let report: CampaignReport
            if let location {
                report = try await StoreOptions.withStore(at: location) { store in
                    try await make(sources, store: store, keywords: keywords, protecting: protected)
                }
            } else {
                report = try await make(sources, store: nil, keywords: keywords, protecting: protected)
            }
            let rendered: Data
            switch format {
            case .text: rendered = Data(CampaignReportText.render(report).utf8)
            case .json: rendered = try Self.json(report)
            case .html: rendered = Data(ReportHTML.render(report).utf8)
            }
            if let output, output != "-" {
                try AtomicFile.write(rendered, to: output, protecting: protected)
                StandardError.write("wrote \(DisplayText.escaped(output))\n")
            } else {
                try StandardOutput.writeRaw(String(decoding: rendered, as: UTF8.self))
            }
        }

        /// The report, with the failed numbers written to `--failures` as they are found (the file appears only
        /// once the report is complete).
        private func make(
            _ sources: [CampaignReporter.Source], store: (any PushStore & OptOutStore)?, keywords: OptOutKeywords,
            protecting inputs: InputFiles
        ) async throws -> CampaignReport {
            let reporter = CampaignReporter(store: store, keywords: keywords)
            guard let failures, let format = Self.failureFormat(failures) else {
                return try await reporter.report(sources)
            }
            var made: CampaignReport?
            try await AtomicFile.writeStreaming(to: failures, protecting: inputs) { descriptor in
                var buffer = FailedNumber.header(format) ?? ""
                made = try await reporter.report(sources) { number in
                    buffer += number.line(format)
                    if buffer.utf8.count >= StreamedOutput.bufferSize {
                        try StreamedOutput.flush(&buffer, to: descriptor, path: failures)
                    }
                }
                try StreamedOutput.flush(&buffer, to: descriptor, path: failures)
            }
            StandardError.write("wrote \(DisplayText.escaped(failures))\n")
            guard let made else { throw CommandFailure.toolFailure }
            return made
        }

        static func json(_ report: CampaignReport) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            var data = try encoder.encode(report)
            data.append(0x0A)
            return data
        }
    }
}
