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
                an interrupted campaign and skips the chunks already acknowledged; only one run at a time can hold \
                a journal. The list may be a pipe (--phones /dev/stdin); an empty list, or one without a valid \
                number, is an error.
                """
        )

        @OptionGroup var providerOptions: ProviderOptions

        @Option(help: ArgumentHelp("The phone list: one number per line, or CSV with --column (a file, or a pipe such as /dev/stdin).", valueName: "file"))
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

        @Option(help: ArgumentHelp("ihuyi: schedule the send, China time (on --resume: a new time for the chunks still to send).", valueName: "YYYY-MM-DD HH:MM:SS"))
        var at: String?

        @Flag(help: "With --resume of a scheduled campaign: send the remaining chunks at once instead of at the scheduled time.")
        var now = false

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

        @Flag(help: "Print the summary as JSON.")
        var json = false

        @OptionGroup var snifferOptions: SnifferOptions
        @OptionGroup var gate: LintGate

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
            _ = try Self.parameters(param)
            if journal != nil && resume != nil { throw ValidationError("give --journal for a new campaign or --resume for an old one, not both") }
            if now && resume == nil { throw ValidationError("--now resumes a scheduled campaign at once; a new campaign without --at is sent at once anyway") }
            if now && at != nil { throw ValidationError("give --at (a new time) or --now, not both") }
        }

        /// The --param entries as a dictionary; an entry without `=`, with an empty key, or a key given twice is
        /// a usage error (the provider would get a parameter the user did not mean).
        static func parameters(_ entries: [String]) throws -> [String: String] {
            var parameters: [String: String] = [:]
            for entry in entries {
                guard let equals = entry.firstIndex(of: "=") else { throw ValidationError("--param takes key=value, got '\(entry)'") }
                let key = String(entry[..<equals])
                guard !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--param '\(entry)' has no key; write key=value, e.g. --param name=张三")
                }
                guard parameters.updateValue(String(entry[entry.index(after: equals)...]), forKey: key) == nil else {
                    throw ValidationError("--param \(key) is given twice; give each parameter once")
                }
            }
            return parameters
        }

        func run() async throws {
            try await CommandFailure.$reportsJSON.withValue(json) { try await send() }
        }

        func send() async throws {
            let settings = try providerOptions.settings()
            let message = try makeMessage()
            let list = try CommandFailure.report { try PhoneListInput(name: phones) }
            let reader = try CommandFailure.report { try RecipientReader(input: list, options: listOptions()) }
            if dryRun {
                let dispatcher = makeDispatcher(settings, message: message, sendTime: at)
                return try await printDryRun(dispatcher: dispatcher, reader: reader, settings: settings)
            }
            let phonesSHA256 = try CommandFailure.report { try RecipientList.fingerprint(list) }
            let provider = providerOptions.provider.rawValue
            let campaignJournal = try CommandFailure.report { () throws -> SendJournal in
                if let resume {
                    let journal = try SendJournal.resume(
                        at: resume, provider: provider, phonesPath: phones, phonesSHA256: phonesSHA256,
                        messageSHA256: message.fingerprint, legacyMessageSHA256: message.legacyFingerprint(sendTime: at))
                    try journal.lock()
                    try journal.resolveSchedule(newTime: at, sendNow: now)
                    return journal
                }
                let size = chunkSize.map { min($0, message.maximumChunkSize) } ?? message.maximumChunkSize
                let header = SendJournal.Header(
                    provider: provider, phonesPath: phones, phonesSHA256: phonesSHA256, messageSHA256: message.fingerprint,
                    chunkSize: size, sendTime: at)
                if let journal { return try SendJournal.create(at: journal, header: header) }
                return try SendJournal.create(inDirectory: ".", header: header)
            }
            let dispatcher = makeDispatcher(settings, message: message, sendTime: campaignJournal.sendTime)
            StandardError.write("journal: \(campaignJournal.path) (resume an interrupted campaign with --resume \(campaignJournal.path))\n")
            let progress = SendProgress(interactive: Terminal.isInteractive(STDERR_FILENO))
            let runner = CampaignRunner(dispatcher: dispatcher)
            let summary = try await CommandFailure.reportAsync {
                try await runner.run(
                    journal: campaignJournal, resendUnknown: resendUnknown,
                    next: { try reader.nextChunk(maxCount: $0, requiringNumbers: true) },
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

        /// What the campaign sends, worked out (and for content, linted) once, before any list is read.
        struct Message {
            var ihuyi: (productID: Int, message: IhuyiBatch.Message)?
            var jpush: (templateID: Int, signID: Int?, parameters: [String: String]?)?
            /// The parts that define the message, the send time excluded (it may change on resume).
            var parts: [Data]

            var fingerprint: String { MessageFingerprint.sha256(parts) }
            var maximumChunkSize: Int { ihuyi != nil ? IhuyiClient.maxRecipientsPerRequest : JPushClient.maximumBatchSize }

            /// The fingerprint a version 1 journal recorded: the send time was one of the parts.
            func legacyFingerprint(sendTime: String?) -> String {
                guard ihuyi != nil else { return fingerprint }
                var legacy = parts
                legacy.insert(Data((sendTime ?? "").utf8), at: 2)
                return MessageFingerprint.sha256(legacy)
            }
        }

        func makeMessage() throws -> Message {
            switch providerOptions.provider {
            case .ihuyi:
                var parts = [Data("ihuyi".utf8), Data(String(productID!).utf8)]
                if let templateID {
                    parts.append(Data("template \(templateID)".utf8))
                    return Message(ihuyi: (productID!, .template(id: templateID)), parts: parts)
                }
                let sniffer = try snifferOptions.makeSniffer()
                let analysis = try CommandFailure.report { try gate.load(content!, sniffer: sniffer) }
                let fields = analysis.fields.overridden(by: fieldOptions.fields)
                guard let title = fields.title, let signName = fields.signName else {
                    try CommandFailure.report { try fieldOptions.requireComplete(TemplateFields(title: fields.title, signName: fields.signName, purpose: "-"), manifestLocation: content!) }
                    throw CommandFailure.invalidContent
                }
                let body = ContentJSON(fields: [("product_id", .integer(productID!)), ("phone", .strings([])), ("sign_name", .string(signName)), ("title", .string(title))] + (at.map { [("send_time", ContentJSON.FieldValue.string($0))] } ?? []), content: analysis.content).data()
                try gate.check(body, file: content!, kind: .batch, sniffer: sniffer, disabled: [.recipientCount, .recipientFormat, .recipientDuplicate, .requiredField])
                parts += [ContentJSON(content: analysis.content).data(), Data(title.utf8), Data(signName.utf8)]
                return Message(ihuyi: (productID!, .content(analysis.content, title: title, signName: signName)), parts: parts)
            case .jpush:
                let parameters = try Self.parameters(param)
                let parts = [Data("jpush".utf8), Data(String(templateID!).utf8), Data(String(signID ?? 0).utf8)]
                    + parameters.sorted { $0.key < $1.key }.map { Data("\($0.key)=\($0.value)".utf8) }
                return Message(jpush: (templateID!, signID, parameters.isEmpty ? nil : parameters), parts: parts)
            }
        }

        /// The dispatcher that sends `message` at `sendTime` (nil: at once).
        func makeDispatcher(_ settings: ProviderSettings, message: Message, sendTime: String?) -> any BatchDispatcher {
            if let ihuyi = message.ihuyi {
                let batch = IhuyiBatch(productID: ihuyi.productID, message: ihuyi.message, sendTime: sendTime)
                return IhuyiDispatcher(client: providerOptions.ihuyiClient(settings), batch: batch, chunkSize: chunkSize ?? IhuyiClient.maxRecipientsPerRequest)
            }
            let jpush = message.jpush!
            return JPushDispatcher(
                client: providerOptions.jpushClient(settings), templateID: jpush.templateID, signID: jpush.signID,
                parameters: jpush.parameters, chunkSize: chunkSize ?? JPushClient.maximumBatchSize)
        }

        func printDryRun(dispatcher: any BatchDispatcher, reader: RecipientReader, settings: ProviderSettings) async throws {
            let size = chunkSize.map { min($0, dispatcher.maximumChunkSize) } ?? dispatcher.maximumChunkSize
            var index = 0
            while true {
                var text = ""
                let chunk = try CommandFailure.report { try reader.nextChunk(maxCount: size, requiringNumbers: true) }
                if chunk.isEmpty { break }
                text += "# chunk \(index + 1): \(Plural.count(chunk.count, "number")) (dry run: nothing sent)\n"
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
                    text += "POST \(URLRedaction.redact(settings.jpushBaseURL.appendingPathComponent("v1/messages/batch")))\nAuthorization: <redacted>\n\n\(try StandardOutput.json(batch))\n"
                }
                index += 1
                try StandardOutput.write(text)
            }
            StandardError.write(Self.listLine(reader.summary))
        }

        func report(_ summary: CampaignSummary, list: RecipientListSummary, journal: String) throws {
            StandardError.write(Self.listLine(list))
            for line in list.invalid.prefix(20) { StandardError.write("  skipped \(DisplayText.escaped(phones)):\(line.line): \"\(DisplayText.escaped(line.text))\": \(line.reason)\n") }
            if list.invalidCount > 20 { StandardError.write("  … and \(Plural.count(list.invalidCount - 20, "more invalid line"))\n") }
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
                var text = "\(summary.succeeded ? "sent" : "stopped"): \(summary.acknowledgedChunks + summary.skippedChunks) of \(Plural.count(summary.chunks, "chunk")) acknowledged (\(summary.skippedChunks) from an earlier run), \(summary.accepted) accepted, \(summary.rejected.count) rejected\(summary.unaccounted > 0 ? ", \(summary.unaccounted) unaccounted (delivery unknown)" : "")\n"
                if !summary.taskIDs.isEmpty { text += "task ids: \(DisplayText.escaped(summary.taskIDs.joined(separator: ", ")))\n" }
                for rejected in summary.rejected.prefix(20) { text += "  rejected \(DisplayText.escaped(rejected.mobile)): \(DisplayText.escaped(rejected.reason))\n" }
                try StandardOutput.write(text)
            }
            if let failure = summary.failure {
                StandardError.write("error: \(DisplayText.escaped(failure))\nresume with: mmskit send … --resume \(DisplayText.escaped(journal))\n")
                throw CommandFailure.toolFailure
            }
        }

        static func listLine(_ list: RecipientListSummary) -> String {
            "recipients: \(list.valid) valid, \(Plural.count(list.duplicates, "duplicate")) skipped, \(Plural.count(list.invalidCount, "invalid line")) skipped\n"
        }
    }
}
