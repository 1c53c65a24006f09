import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MMSKitServerCommand {
    /// `mmskit optout`: the suppression list in the store, for what arrives by other channels than a reply.
    struct OptOutCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "optout",
            abstract: ServerCommandHelp.optOutAbstract,
            discussion: ServerCommandHelp.optOutDiscussion,
            subcommands: [List.self, Add.self, Remove.self, Import.self, Export.self, Scan.self]
        )
    }
}

/// A number given to `optout add` or `remove` that is not a mainland mobile number (exit status 1).
struct OptOutNumberError: ClassifiedFailure {
    var number: String
    var problem: PhoneNumber.Problem
    var isContentError: Bool { true }
    var description: String {
        "'\(DisplayText.escaped(number))' is not a number mmskit sends to: \(problem); give 11 digits such as 13800138000 (+86 allowed)"
    }

    /// The numbers in the form the list keeps them, or the first that is not a number.
    static func phones(_ numbers: [String]) throws -> [String] {
        var phones: [String] = []
        for number in numbers {
            do throws(PhoneNumber.Problem) {
                phones.append(try PhoneNumber(number).digits)
            } catch {
                throw OptOutNumberError(number: number, problem: error)
            }
        }
        return phones
    }
}

extension MMSKitServerCommand.OptOutCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the suppression list in phone order, as a table or (--json) a JSON array.")

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Only entries of this source: reply, manual or import.", valueName: "source"))
        var source: OptOut.Source?

        @Flag(help: "Print the entries as a JSON array (streamed).")
        var json = false

        func run() async throws {
            try await store.withStore { list in
                var table = TextTable(
                    header: ["PHONE", "SOURCE", "PROVIDER", "KEYWORD", "TASK", "SINCE"], numericColumns: [])
                var first = true
                for try await entry in list.allOptOuts() where source == nil || entry.source == source {
                    if json {
                        try StandardOutput.writeRaw((first ? "[\n  " : ",\n  ") + OptOutLine.json(entry))
                    } else {
                        table.rows.append([
                            entry.phone, entry.source.rawValue, entry.provider?.rawValue ?? "", entry.keyword ?? "",
                            entry.taskID ?? "", StoredPush.timestamp(entry.time),
                        ])
                    }
                    first = false
                }
                if json {
                    try StandardOutput.writeRaw(first ? "[]\n" : "\n]\n")
                } else {
                    try StandardOutput.writeRaw(table.rows.isEmpty ? "no opt-outs\n" : table.render())
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add numbers to the suppression list (a complaint, a request by e-mail); kept across providers.")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The numbers: 11 digits, +86 allowed.", valueName: "number"))
        var numbers: [String]

        func validate() throws {
            if numbers.isEmpty { throw ValidationError("give at least one number to add") }
        }

        func run() async throws {
            let phones = try OptOutNumberError.phones(numbers)
            let now = Date()
            let added = try await store.withStore(forWriting: true) { list in
                try await list.addOptOuts(phones.map { OptOut(phone: $0, source: .manual, time: now) })
            }
            let distinct = Set(phones).count
            try StandardOutput.writeRaw(
                "added \(added) of \(Plural.count(distinct, "number"))"
                    + (distinct > added ? " (\(distinct - added) already on the list, kept as they were)" : "") + "\n")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take numbers off the suppression list (the number asked to receive messages again).")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The numbers: 11 digits, +86 allowed.", valueName: "number"))
        var numbers: [String]

        func validate() throws {
            if numbers.isEmpty { throw ValidationError("give at least one number to remove") }
        }

        func run() async throws {
            let phones = Array(Set(try OptOutNumberError.phones(numbers))).sorted()
            let removed = try await store.withStore(forWriting: true) { list in
                try await list.removeOptOuts(phones: phones)
            }
            try StandardOutput.writeRaw(
                "removed \(removed) of \(Plural.count(phones.count, "number"))"
                    + (phones.count > removed ? " (\(phones.count - removed) were not on the list)" : "") + "\n")
        }
    }

    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Put on the list the numbers whose stored replies are opt-out keywords (replies stored before the list existed).",
            discussion: """
                The receiver does this for every reply as it stores it; scan the replies a store holds from before \
                (a store migrated from a release without the list), or after changing the keywords. Each number's \
                latest keyword reply decides; numbers already on the list are kept as they were. Running it again \
                changes nothing.
                """)

        @OptionGroup var store: StoreOptions

        @Option(
            help: ArgumentHelp(
                "Only replies received at or after this time: ISO 8601 or China time (2025-05-01 10:00:00, 2025-05-01).",
                valueName: "time"))
        var since: String?

        @Option(
            help: ArgumentHelp(
                "The .mmskit.yml whose opt_outs section names the keywords (default: the nearest, searched upwards from here).",
                valueName: "file"))
        var config: String?

        func validate() throws {
            if let since, PushQuery.time(since) == nil {
                throw ValidationError(
                    "--since '\(since)' is not a time: use 2025-05-01T10:00:00+08:00, 2025-05-01 10:00:00 (China time) or 2025-05-01"
                )
            }
        }

        func run() async throws {
            let keywords = try ConfigurationDiscovery.load(path: config).optOutKeywords
            let since = self.since.flatMap(PushQuery.time)
            let outcome = try await store.withStore(forWriting: true) { list in
                try await ReplyScan.run(in: list, keywords: keywords, since: since)
            }
            try StandardOutput.writeRaw(
                "scanned \(Plural.count(outcome.replies, "reply", plural: "replies")): \(Plural.count(outcome.optedOut, "number")) opted out, \(outcome.added) added (\(outcome.optedOut - outcome.added) already on the list)\(outcome.removed > 0 ? ", \(outcome.removed) removed by an opt-in keyword" : "")\n"
            )
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add every number of a file to the suppression list (a CRM export, another tool's list).",
            discussion: """
                The file is read like send's phone list: one number per line (blank lines and # comments skipped), or \
                CSV with --column (a header name or a 1-based index). Every line must be a number: an invalid line \
                stops the import before anything is added, naming the line. Numbers go in by transactions of 10,000; \
                an interrupted import is completed by running it again (numbers already on the list are kept as they \
                were). An export of `mmskit optout export` imports with --column phone.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The file of numbers.", valueName: "file"))
        var file: String

        @Option(
            help: ArgumentHelp(
                "CSV column holding the numbers: a header name, or a 1-based index.", valueName: "name|n"))
        var column: String?

        @Flag(help: "With a numeric --column: the first line is a header.")
        var header = false

        @Flag(help: "Import the valid numbers and list the invalid lines on stderr, instead of stopping at the first.")
        var skipInvalid = false

        func run() async throws {
            let listOptions: RecipientListOptions
            do {
                listOptions = try RecipientListOptions(column: column, hasHeader: header, strict: !skipInvalid)
            } catch {
                throw ValidationError(error.description)
            }
            // Checked whole first, so that a bad line adds nothing.
            let summary: RecipientListSummary
            do throws(RecipientListError) {
                summary = try RecipientReader(path: file, options: listOptions).readToEnd()
            } catch {
                guard case .invalidLine(let path, let line, let text, let reason) = error else { throw error }
                throw OptOutImportError(path: path, line: line, text: text, reason: reason)
            }
            for invalid in summary.invalid {
                StandardError.write("warning: \(file): \(DisplayText.escaped(invalid.description)), skipped\n")
            }
            if summary.invalidExamplesTruncated {
                StandardError.write(
                    "warning: \(file): \(summary.invalidCount - summary.invalid.count) more invalid lines skipped\n")
            }
            let reader = try RecipientReader(path: file, options: listOptions)
            let now = Date()
            let added = try await store.withStore(forWriting: true) { list in
                var added = 0
                while case let chunk = try reader.nextChunk(maxCount: 10_000), !chunk.isEmpty {
                    added += try await list.addOptOuts(
                        chunk.map { OptOut(phone: $0.digits, source: .import, time: now) })
                }
                return added
            }
            try StandardOutput.writeRaw(
                "imported \(file): \(Plural.count(summary.valid, "number")) (\(added) new, "
                    + "\(summary.valid - added) already on the list, \(summary.duplicates) repeated in the file)\n")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the suppression list as CSV or JSON lines, streamed in phone order.",
            discussion: """
                CSV has the header phone,source,provider,keyword,task_id,opted_out_at (import it elsewhere, or back \
                with `mmskit optout import FILE --column phone`). With -o the file appears only when complete.
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "csv or jsonl.")
        var format: PushExportFormat = .csv

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        func run() async throws {
            let inputs = InputFiles(try store.location().files)
            let format = self.format
            try await store.withStore { list in
                if let output, output != "-" {
                    try await AtomicFile.writeStreaming(to: output, protecting: inputs) { descriptor in
                        try await Self.export(list, format: format, to: descriptor, path: output)
                    }
                } else {
                    try await Self.export(list, format: format, to: STDOUT_FILENO, path: "<stdout>")
                }
            }
        }

        static func export(
            _ list: any OptOutStore, format: PushExportFormat, to descriptor: Int32, path: String
        ) async throws {
            var buffer = format == .csv ? "phone,source,provider,keyword,task_id,opted_out_at\n" : ""
            for try await entry in list.allOptOuts() {
                buffer += format == .csv ? OptOutLine.csv(entry) : OptOutLine.json(entry) + "\n"
                if buffer.utf8.count >= StreamedOutput.bufferSize {
                    try StreamedOutput.flush(&buffer, to: descriptor, path: path)
                }
            }
            try StreamedOutput.flush(&buffer, to: descriptor, path: path)
        }

    }
}

/// A line of an imported file that is not a number (exit status 1; nothing was added).
struct OptOutImportError: ClassifiedFailure {
    var path: String
    var line: Int
    var text: String
    var reason: String
    var isContentError: Bool { true }
    var description: String {
        "\(path):\(line): \"\(DisplayText.escaped(text))\" is not a number: \(reason); nothing was imported: fix or delete the line, or pass --skip-invalid to import the valid numbers"
    }
}

/// One entry of the list as the commands print it.
enum OptOutLine {
    /// One encoder for every line of a list or an export (millions of entries).
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A JSON object with snake_case keys (`opted_out_at` in ISO 8601 UTC).
    static func json(_ entry: OptOut) -> String {
        var object: [String: String] = [
            "phone": entry.phone, "source": entry.source.rawValue, "opted_out_at": StoredPush.timestamp(entry.time),
        ]
        object["provider"] = entry.provider?.rawValue
        object["keyword"] = entry.keyword
        object["task_id"] = entry.taskID
        return (try? encoder.encode(object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// A CSV line (RFC 4180 quoting where needed), newline included.
    static func csv(_ entry: OptOut) -> String {
        [
            entry.phone, entry.source.rawValue, entry.provider?.rawValue ?? "", entry.keyword ?? "", entry.taskID ?? "",
            StoredPush.timestamp(entry.time),
        ].map(PushExportFormat.quoted).joined(separator: ",") + "\n"
    }
}

extension OptOut.Source: ExpressibleByArgument {}
