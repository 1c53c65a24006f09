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
    struct Send: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.sendAbstract,
            discussion: """
                ihuyi: --product-id and either --template-id or --content (a media directory or JSON file, linted \
                first). JPush: --template-id (a JSMS template). SMS providers (SendPulse): --text, the message. The list is read as a stream, normalised \
                (+86/0086, spaces, dashes), validated and de-duplicated; chunks of at most 10,000 (ihuyi), 1,000 \
                (JPush) or 500 (SendPulse, its chunk_size setting) numbers are recorded in the journal (fsynced) before they are sent. After a timeout or a \
                lost connection, ihuyi chunks are retried with the same request_id (ihuyi de-duplicates request_ids \
                for 2 hours); JPush and SendPulse chunks are retried only when the request never left. --resume JOURNAL continues \
                an interrupted campaign and skips the chunks already acknowledged; a chunk the interrupted run left \
                unanswered is sent again under its request_id (ihuyi, within 2 hours) or is unknown (JPush, SendPulse: \
                sent again only with --resend-unknown). Only one run at a time can hold a journal. The list may be a pipe (--phones /dev/stdin); an empty list, or one without a valid \
                number, is an error.
                """
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Option(
            help: ArgumentHelp(
                "The phone list: one number per line, or CSV with --column (a file, or a pipe such as /dev/stdin).",
                valueName: "file"))
        var phones: String

        @Option(
            help: ArgumentHelp(
                "CSV column holding the numbers: a header name, or a 1-based index.", valueName: "name|n"))
        var column: String?

        @Flag(help: "With a numeric --column: the first line is a header.")
        var header = false

        @Flag(help: "Stop at the first invalid line instead of reporting and skipping it.")
        var strict = false

        @Option(help: "ihuyi: the product to send with (see `mmskit balance`).")
        var productID: Int?

        @Option(help: "An approved template: ihuyi template_id or JSMS temp_id.")
        var templateID: Int?

        @Option(help: ArgumentHelp("ihuyi: the content, a media directory or JSON file.", valueName: "path"))
        var content: String?

        @Option(help: ArgumentHelp("SMS providers (SendPulse): the message text.", valueName: "text"))
        var text: String?

        @OptionGroup var fieldOptions: TemplateFieldOptions

        @Option(
            help: ArgumentHelp(
                "ihuyi: schedule the send, China time (on --resume: a new time for the chunks still to send).",
                valueName: "YYYY-MM-DD HH:MM:SS"))
        var at: String?

        @Flag(
            help:
                "With --resume of a scheduled campaign: send the remaining chunks at once instead of at the scheduled time."
        )
        var now = false

        @Option(help: "JPush: the sign id.")
        var signID: Int?

        @Option(
            help: ArgumentHelp("JPush: a template parameter for every recipient (repeatable).", valueName: "key=value"))
        var param: [String] = []

        @Option(help: ArgumentHelp("The journal to write (default: mmskit-send-<time>.jsonl here).", valueName: "file"))
        var journal: String?

        @Option(help: ArgumentHelp("Continue the campaign recorded in this journal.", valueName: "file"))
        var resume: String?

        @Flag(help: "On resume, send chunks again whose outcome is unknown (JPush; may deliver twice).")
        var resendUnknown = false

        @Option(help: "Numbers per request (at most 10,000 for ihuyi, 1,000 for JPush, 500 for SendPulse).")
        var chunkSize: Int?

        @Option(
            name: .customLong("db"),
            help: ArgumentHelp(
                "Leave out the numbers on this store's suppression list (opt-outs; the --db of receipts serve): a SQLite file or postgres://… URL (default: opt_outs.store of .mmskit.yml).",
                valueName: "db"))
        var database: String?

        @Option(
            help: ArgumentHelp(
                "Leave out the numbers in this file too (one per line, # comments), without a store.", valueName: "file"
            ))
        var suppress: [String] = []

        @Flag(help: "Send to opted-out numbers on the suppression list anyway (never the default).")
        var ignoreOptouts = false

        @Flag(
            help: "Lint the content and print the requests that would be sent (signed, media shortened); send nothing.")
        var dryRun = false

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions
        @OptionGroup var gate: LintGate

        func validate() throws {
            try providerOptions.require(.send)
            let entry = try providerOptions.entry()
            if let requirements = entry.campaignRequirements,
                let problem = requirements.problem(with: try options(), provider: entry.description.id)
            {
                throw ValidationError(problem)
            }
            if let at { try Self.usage { () throws(CampaignOptionsError) in try CampaignOptions.checkSendTime(at) } }
            _ = try listOptions()
            if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1") }
            if journal != nil && resume != nil {
                throw ValidationError("give --journal for a new campaign or --resume for an old one, not both")
            }
            if now && resume == nil {
                throw ValidationError(
                    "--now resumes a scheduled campaign at once; a new campaign without --at is sent at once anyway")
            }
            if now && at != nil { throw ValidationError("give --at (a new time) or --now, not both") }
            if ignoreOptouts && (database != nil || !suppress.isEmpty) {
                throw ValidationError(
                    "--ignore-optouts sends to every number: leave out --db and --suppress, or --ignore-optouts")
            }
            if let database {
                do {
                    _ = try StoreLocation(parsing: database)
                } catch {
                    throw ValidationError(error.description)
                }
            }
        }

        /// --db's store (a function of its own: typed throws called straight from an async function crashed the
        /// release build's optimiser, see StandardOutput).
        static func location(_ database: String) throws -> StoreLocation {
            try StoreLocation(parsing: database)
        }

        /// The --suppress files, read.
        static func files(_ paths: [String]) throws -> [any SuppressionList] {
            try paths.map { try SuppressionFile(path: $0) }
        }

        /// The suppression list the flags name (nil: none), opened for the run; `close` releases a store.
        func suppressionList() async throws -> (list: (any SuppressionList)?, close: () async -> Void) {
            var lists: [any SuppressionList] = []
            var store: (any PushStore & OptOutStore)?
            // --db, else the store .mmskit.yml names (opt_outs.store), unless --ignore-optouts says to send to all.
            let configured = ignoreOptouts ? nil : try gate.configurationOptions.load().optOutStore
            if let database = database ?? configured {
                let location = try Self.location(database)
                do {
                    store = try await location.openForReading()
                } catch {
                    throw StoreError.unusable(location.description, error)
                }
                if let store { lists.append(store) }
            }
            lists += try Self.files(suppress)
            let opened = store
            let close: () async -> Void = { try? await opened?.close() }
            switch lists.count {
            case 0: return (nil, close)
            case 1: return (lists[0], close)
            default: return (CombinedSuppressionList(lists), close)
            }
        }

        /// What the flags ask to send.
        func options() throws -> CampaignOptions {
            CampaignOptions(
                productID: productID, templateID: templateID, contentPath: content, text: text, signID: signID,
                parameters: try Self.usage { () throws(CampaignOptionsError) in
                    try CampaignOptions.parameters(from: param)
                }, sendTime: at)
        }

        /// A library check's refusal as a usage error (exit 64).
        static func usage<T>(_ body: () throws(CampaignOptionsError) -> T) throws -> T {
            do {
                return try body()
            } catch {
                throw ValidationError(error.description)
            }
        }

        func run() async throws {
            let settings = try providerOptions.settings()
            let sender = try providerOptions.make(.send, as: (any CampaignSending).self, settings: settings)
            let campaign = try makeCampaign(sender)
            let suppression = try await suppressionList()
            do {
                try await send(campaign, suppression: suppression.list)
                await suppression.close()
            } catch {
                await suppression.close()
                throw error
            }
        }

        /// Sends (or, with --dry-run, prints) the campaign, leaving out the numbers on `suppression`.
        func send(_ campaign: Campaign, suppression: (any SuppressionList)?) async throws {
            if suppression == nil && !ignoreOptouts {
                StandardError.write(
                    "note: no opt-out list: numbers that replied T are sent to; give --db (the receiver's store), --suppress FILE or opt_outs.store in .mmskit.yml, or --ignore-optouts to say so\n"
                )
            }
            if dryRun { return try await printDryRun(campaign, suppression: suppression) }
            let session: CampaignSession
            if let resume {
                session = try CampaignSession.resume(
                    campaign, phones: phones, listOptions: listOptions(), journal: resume, newTime: at, sendNow: now)
            } else {
                session = try CampaignSession.start(
                    campaign, phones: phones, listOptions: listOptions(),
                    journal: journal.map { .file($0) } ?? .directory("."), chunkSize: chunkSize, sendTime: at)
            }
            let path = session.journal.path
            StandardError.write("journal: \(path) (resume an interrupted campaign with --resume \(path))\n")
            let progress = SendProgress(interactive: Terminal.isInteractive(STDERR_FILENO))
            let summary = try await session.run(
                resendUnknown: resendUnknown, suppression: suppression, checkpoint: SendFailpoint.fromEnvironment(),
                onEvent: { progress.show($0, read: session.list.valid) })
            progress.finish()
            try SendSummaryPrinter(phones: phones, json: json).print(summary, list: session.list, journal: path)
        }

        func listOptions() throws -> RecipientListOptions {
            try Self.usage { () throws(CampaignOptionsError) in
                try RecipientListOptions(column: column, hasHeader: header, strict: strict)
            }
        }

        /// The campaign, worked out once before any list is read: content is loaded and the request linted first.
        func makeCampaign(_ sender: any CampaignSending) throws -> Campaign {
            let options = try options()
            guard let path = options.contentPath else { return try sender.campaign(options, content: nil) }
            let sniffer = try snifferOptions.makeSniffer()
            let analysis = try gate.load(path, sniffer: sniffer)
            let fields = analysis.fields.overridden(by: fieldOptions.fields)
            guard let title = fields.title, let signName = fields.signName else {
                try fieldOptions.requireComplete(
                    TemplateFields(title: fields.title, signName: fields.signName, purpose: "-"),
                    manifestLocation: path)
                throw CommandFailure.invalidContent
            }
            let campaign = try sender.campaign(
                options, content: CampaignContent(content: analysis.content, title: title, signName: signName))
            if let target = campaign.lintTarget { try gate.check(target, file: path, sniffer: sniffer) }
            return campaign
        }

        /// Prints the requests the campaign would send, chunk by chunk, and the list's counts; sends nothing and
        /// writes no journal.
        func printDryRun(_ campaign: Campaign, suppression: (any SuppressionList)?) async throws {
            let list = try PhoneListInput(name: phones)
            let reader = try RecipientReader(input: list, options: listOptions())
            let dispatcher = campaign.dispatcher(at, campaign.chunkSize(chunkSize))
            var index = 0
            var suppressedTotal = 0
            while true {
                let chunk = try reader.nextChunk(maxCount: dispatcher.maximumChunkSize, requiringNumbers: true)
                if chunk.isEmpty { break }
                index += 1
                let left = try await suppression?.suppressed(among: chunk.map(\.digits)) ?? []
                suppressedTotal += left.count
                let recipients = left.isEmpty ? chunk : chunk.filter { !left.contains($0.digits) }
                let note = left.isEmpty ? "" : ", \(left.count) suppressed (opted out)"
                guard !recipients.isEmpty else {
                    try StandardOutput.write("# chunk \(index): every number suppressed (opted out): no request\n")
                    continue
                }
                let request = try dispatcher.request(for: recipients, requestID: UUID().uuidString)
                try StandardOutput.write(
                    "# chunk \(index): \(Plural.count(recipients.count, "number"))\(note) (dry run: nothing sent)\n"
                        + RequestPrinter.render(request))
            }
            let report = SendSummaryPrinter(phones: phones, json: json)
            report.printList(reader.summary)
            if suppression != nil { report.printSuppressed(suppressedTotal) }
        }
    }
}
