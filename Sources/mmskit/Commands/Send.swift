import ArgumentParser
import Foundation
import MMSKit
import MMSKitProviders

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MMSKitCommand {
    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a campaign to a phone list, in journaled chunks that are never sent twice.",
            discussion: """
                ihuyi: --product-id and either --template-id or --content (a media directory or JSON file, linted \
                first). JPush: --template-id (a JSMS template). The list is read as a stream, normalised \
                (+86/0086, spaces, dashes), validated and de-duplicated; chunks of at most 10,000 (ihuyi) or 1,000 \
                (JPush) numbers are recorded in the journal (fsynced) before they are sent. After a timeout or a \
                lost connection, ihuyi chunks are retried with the same request_id (ihuyi de-duplicates request_ids \
                for 2 hours); JPush chunks are retried only when the request never left. --resume JOURNAL continues \
                an interrupted campaign and skips the chunks already acknowledged.
                """
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Option(help: ArgumentHelp("The phone list: one number per line, or CSV with --column.", valueName: "file"))
        var phones: String

        @Option(help: ArgumentHelp("CSV column holding the numbers: a header name, or a 1-based index.", valueName: "name|n"))
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

        @OptionGroup var fieldOptions: TemplateFieldOptions

        @Option(help: ArgumentHelp("ihuyi: schedule the send, China time.", valueName: "YYYY-MM-DD HH:MM:SS"))
        var at: String?

        @Option(help: "JPush: the sign id.")
        var signID: Int?

        @Option(help: ArgumentHelp("JPush: a template parameter for every recipient (repeatable).", valueName: "key=value"))
        var param: [String] = []

        @Option(help: ArgumentHelp("The journal to write (default: mmskit-send-<time>.jsonl here).", valueName: "file"))
        var journal: String?

        @Option(help: ArgumentHelp("Continue the campaign recorded in this journal.", valueName: "file"))
        var resume: String?

        @Flag(help: "On resume, send chunks again whose outcome is unknown (JPush; may deliver twice).")
        var resendUnknown = false

        @Option(help: "Numbers per request (at most 10,000 for ihuyi, 1,000 for JPush).")
        var chunkSize: Int?

        @Flag(help: "Lint the content and print the requests that would be sent (signed, media shortened); send nothing.")
        var dryRun = false

        @Flag(help: "Send even when the content has lint errors.")
        var force = false

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions

        func validate() throws {
            switch providerOptions.provider {
            case .ihuyi:
                if productID == nil { throw ValidationError("ihuyi sends need --product-id (see `mmskit balance --provider ihuyi`)") }
                if (templateID == nil) == (content == nil) { throw ValidationError("give exactly one of --template-id and --content") }
            case .jpush:
                if templateID == nil { throw ValidationError("JPush sends need --template-id") }
                if content != nil { throw ValidationError("JPush sends a template (--template-id); --content is for ihuyi") }
            }
            if let at {
                guard let date = ChinaTime.parse(at) else {
                    throw ValidationError("--at must be a real date written YYYY-MM-DD HH:MM:SS (China time), e.g. 2026-12-01 09:30:00")
                }
                if date < Date() {
                    throw ValidationError("--at \(at) is in the past (now is \(ChinaTime.format(Date())) China time); pick a future time, or drop --at to send at once")
                }
            }
            if let chunkSize, chunkSize < 1 { throw ValidationError("--chunk-size must be at least 1") }
            for entry in param where !entry.contains("=") { throw ValidationError("--param takes key=value, got '\(entry)'") }
            if journal != nil && resume != nil { throw ValidationError("give --journal for a new campaign or --resume for an old one, not both") }
        }

        func run() async throws {
            let settings = try providerOptions.settings()
            let (dispatcher, fingerprint) = try await makeDispatcher(settings)
            let options = try listOptions()
            let reader = try CommandFailure.report { try RecipientReader(path: phones, options: options) }
            if dryRun { return try await printDryRun(dispatcher: dispatcher, reader: reader, settings: settings) }

            let phonesSHA256 = try CommandFailure.report { try RecipientList.fingerprint(path: phones) }
            let campaignJournal = try CommandFailure.report { () throws -> SendJournal in
                if let resume {
                    let journal = try SendJournal.resume(at: resume)
                    guard journal.header.provider == dispatcher.provider else { throw SendJournalError.mismatch(resume, "it was sent with \(journal.header.provider)") }
                    guard journal.header.phonesSHA256 == phonesSHA256 else { throw SendJournalError.mismatch(resume, "the phone list \(phones) has changed") }
                    guard journal.header.messageSHA256 == fingerprint else { throw SendJournalError.mismatch(resume, "the message has changed") }
                    return journal
                }
                let path = journal ?? Self.defaultJournalName()
                let header = SendJournal.Header(provider: dispatcher.provider, phonesPath: phones, phonesSHA256: phonesSHA256, messageSHA256: fingerprint, chunkSize: chunkSize.map { min($0, dispatcher.maximumChunkSize) } ?? dispatcher.maximumChunkSize)
                return try SendJournal.create(at: path, header: header)
            }
            StandardError.write("journal: \(campaignJournal.path) (resume an interrupted campaign with --resume \(campaignJournal.path))\n")
            let progress = SendProgress(interactive: isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
            let runner = CampaignRunner(dispatcher: dispatcher)
            let summary = try await CommandFailure.reportAsync {
                try await runner.run(
                    journal: campaignJournal, resendUnknown: resendUnknown, next: { try reader.nextChunk(maxCount: $0) },
                    onEvent: { progress.show($0, read: reader.summary.valid) })
            }
            progress.finish()
            try report(summary, list: reader.summary, journal: campaignJournal.path)
        }

        /// The list options from --column, --header and --strict.
        func listOptions() throws -> RecipientListOptions {
            guard let column else { return RecipientListOptions(format: .plain, strict: strict) }
            let chosen: RecipientListOptions.Column = Int(column).map { .index($0) } ?? .name(column)
            if case .index(let index) = chosen, index < 1 { throw ValidationError("--column numbers start at 1") }
            return RecipientListOptions(format: .csv(column: chosen, hasHeader: header), strict: strict)
        }

        /// The dispatcher for the chosen provider and the fingerprint of the message it sends.
        func makeDispatcher(_ settings: ProviderSettings) async throws -> (any BatchDispatcher, String) {
            switch providerOptions.provider {
            case .ihuyi:
                let message: IhuyiBatch.Message
                var parts = [Data("ihuyi".utf8), Data(String(productID!).utf8), Data((at ?? "").utf8)]
                if let templateID {
                    message = .template(id: templateID)
                    parts.append(Data("template \(templateID)".utf8))
                } else {
                    let sniffer = try snifferOptions.makeSniffer()
                    let analysis = try CommandFailure.report { try ContentLoader(sniffer: sniffer).load(content!) }
                    let fields = analysis.fields.overridden(by: fieldOptions.fields)
                    guard let title = fields.title, let signName = fields.signName else {
                        try CommandFailure.report { try fieldOptions.requireComplete(TemplateFields(title: fields.title, signName: fields.signName, purpose: "-"), manifestLocation: content!) }
                        throw CommandFailure.invalidContent
                    }
                    let body = ContentJSON(fields: [("product_id", .integer(productID!)), ("phone", .strings([])), ("sign_name", .string(signName)), ("title", .string(title))] + (at.map { [("send_time", ContentJSON.FieldValue.string($0))] } ?? []), content: analysis.content).data()
                    try LintGate.check(body, file: content!, kind: .batch, sniffer: sniffer, force: force, disabled: ["recipient-count", "recipient-format", "recipient-duplicate", "required-field"])
                    message = .content(analysis.content, title: title, signName: signName)
                    parts += [ContentJSON(content: analysis.content).data(), Data(title.utf8), Data(signName.utf8)]
                }
                let batch = IhuyiBatch(productID: productID!, message: message, sendTime: at)
                let dispatcher = IhuyiDispatcher(client: providerOptions.ihuyiClient(settings), batch: batch, chunkSize: chunkSize ?? IhuyiClient.maxRecipientsPerRequest)
                return (dispatcher, MessageFingerprint.sha256(parts))
            case .jpush:
                var parameters: [String: String] = [:]
                for entry in param {
                    let pair = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    parameters[pair[0]] = pair.count > 1 ? pair[1] : ""
                }
                let dispatcher = JPushDispatcher(
                    client: providerOptions.jpushClient(settings), templateID: templateID!, signID: signID,
                    parameters: parameters.isEmpty ? nil : parameters, chunkSize: chunkSize ?? JPushClient.maximumBatchSize)
                let parts = [Data("jpush".utf8), Data(String(templateID!).utf8), Data(String(signID ?? 0).utf8)]
                    + parameters.sorted { $0.key < $1.key }.map { Data("\($0.key)=\($0.value)".utf8) }
                return (dispatcher, MessageFingerprint.sha256(parts))
            }
        }

        func printDryRun(dispatcher: any BatchDispatcher, reader: RecipientReader, settings: ProviderSettings) async throws {
            let size = chunkSize.map { min($0, dispatcher.maximumChunkSize) } ?? dispatcher.maximumChunkSize
            var index = 0
            while true {
                var text = ""
                let chunk = try CommandFailure.report { try reader.nextChunk(maxCount: size) }
                if chunk.isEmpty { break }
                text += "# chunk \(index): \(chunk.count) numbers (dry run: nothing sent)\n"
                if let ihuyi = dispatcher as? IhuyiDispatcher {
                    var fields: [(key: String, value: ContentJSON.FieldValue)] = [("product_id", .integer(ihuyi.batch.productID)), ("phone", .strings(chunk.map { $0.digits }))]
                    var content: MMSContent?
                    switch ihuyi.batch.message {
                    case .content(let message, let title, let signName):
                        fields += [("sign_name", .string(signName)), ("title", .string(title))]
                        content = message
                    case .template(let id):
                        fields.append(("template_id", .integer(id)))
                    }
                    if let sendTime = ihuyi.batch.sendTime { fields.append(("send_time", .string(sendTime))) }
                    let request = try CommandFailure.report { try ihuyi.client.request("batchSend", fields: fields, content: content, requestID: UUID().uuidString) }
                    text += RequestPrinter.render(request)
                } else if let jpush = dispatcher as? JPushDispatcher {
                    let batch = JPushBatch(templateID: jpush.templateID, signID: jpush.signID, tag: jpush.tag, recipients: chunk.map { JPushBatch.Recipient(mobile: $0.digits, parameters: jpush.parameters) })
                    text += "POST \(settings.jpushBaseURL.appendingPathComponent("v1/messages/batch").absoluteString)\nAuthorization: <redacted>\n\n\(try StandardOutput.json(batch))\n"
                }
                index += 1
                try StandardOutput.write(text)
            }
            StandardError.write(Self.listLine(reader.summary))
        }

        func report(_ summary: CampaignSummary, list: RecipientListSummary, journal: String) throws {
            StandardError.write(Self.listLine(list))
            for line in list.invalid.prefix(20) { StandardError.write("  skipped \(phones):\(line.line): \"\(line.text)\": \(line.reason)\n") }
            if list.invalidCount > 20 { StandardError.write("  … and \(list.invalidCount - 20) more invalid lines\n") }
            if json {
                struct Output: Encodable {
                    var summary: CampaignSummary
                    var journal: String
                    var valid: Int
                    var duplicates: Int
                    var invalid: Int
                }
                try StandardOutput.writeJSON(Output(summary: summary, journal: journal, valid: list.valid, duplicates: list.duplicates, invalid: list.invalidCount))
            } else {
                var text = "\(summary.succeeded ? "sent" : "stopped"): \(summary.acknowledgedChunks + summary.skippedChunks) of \(summary.chunks) chunks acknowledged (\(summary.skippedChunks) from an earlier run), \(summary.accepted) accepted, \(summary.rejected.count) rejected\n"
                if !summary.taskIDs.isEmpty { text += "task ids: \(summary.taskIDs.joined(separator: ", "))\n" }
                for rejected in summary.rejected.prefix(20) { text += "  rejected \(rejected.mobile): \(rejected.reason)\n" }
                try StandardOutput.write(text)
            }
            if let failure = summary.failure {
                StandardError.write("error: \(failure)\nresume with: mmskit send … --resume \(journal)\n")
                throw CommandFailure.toolFailure
            }
        }

        static func listLine(_ list: RecipientListSummary) -> String {
            "recipients: \(list.valid) valid, \(list.duplicates) duplicates skipped, \(list.invalidCount) invalid lines skipped\n"
        }

        static func defaultJournalName() -> String {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            return "mmskit-send-\(formatter.string(from: Date())).jsonl"
        }
    }
}
