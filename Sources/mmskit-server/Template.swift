import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

extension MMSKitServerCommand {
    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.templateAbstract,
            subcommands: [Create.self, Show.self, Update.self, Delete.self, Status.self]
        )
    }
}

/// The JPush template text options shared by create and update.
struct JPushDraftOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case code, notification, marketing
        var type: JPushTemplateType {
            switch self {
            case .code: .verificationCode
            case .notification: .notification
            case .marketing: .marketing
            }
        }
    }

    @Option(help: "JPush: the template text, with {{variables}}.")
    var text: String?

    @Option(help: "JPush: template type.")
    var type: Kind = .notification

    @Option(help: "JPush: seconds a verification code stays valid (type code; 1–86400).")
    var ttl: Int?

    @Option(help: "JPush: a remark for the review (required when the text has a {{url}} link).")
    var remark: String?

    func draft() throws -> JPushTemplateDraft {
        guard let text else { throw ValidationError("JPush templates need --text") }
        return JPushTemplateDraft(text: text, type: type.type, ttl: ttl, remark: remark)
    }
}

extension MMSKitServerCommand.Template {
    struct Create: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit a template for carrier review and print its template id.",
            discussion: """
                ihuyi: PATH is a media directory or a JSON file (frame array or templateCreate body); the exact body \
                is linted first and not submitted when it has lint errors (--force to override). \
                JPush: give --text and --type instead of PATH.
                """
        )

        @Argument(help: "ihuyi: the media directory or JSON file.")
        var path: String?

        @OptionGroup var providerOptions: ProviderOptions
        @OptionGroup var fieldOptions: TemplateFieldOptions
        @OptionGroup var draftOptions: JPushDraftOptions
        @OptionGroup var snifferOptions: SnifferOptions
        @OptionGroup var gate: LintGate

        @Flag(help: "Print the request that would be sent (media data shortened) and send nothing.")
        var dryRun = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            try providerOptions.require(.templates)
            switch providerOptions.provider {
            case .ihuyi where path == nil:
                throw ValidationError("ihuyi templates need a media directory or JSON file")
            case .jpush where draftOptions.text == nil:
                throw ValidationError("JPush templates need --text")
            case .ihuyi, .jpush: break
            case let other:
                throw ValidationError("mmskit cannot create \(other) templates; it can create ihuyi's and jpush's")
            }
        }

        func run() async throws {
            let settings = try providerOptions.settings()
            switch providerOptions.provider {
            case .ihuyi:
                let sniffer = try snifferOptions.makeSniffer()
                let analysis = try gate.load(path!, sniffer: sniffer)
                let fields = analysis.fields.overridden(by: fieldOptions.fields)
                try fieldOptions.requireComplete(fields, manifestLocation: path!)
                let content = analysis.content
                // The gate lints the very payload that is sent (the signature is put in front of it when it leaves).
                let requestID = UUID().uuidString
                try gate.check(
                    IhuyiRequestBody.templateCreate(fields, content: content, requestID: requestID), file: path!,
                    kind: .template, sniffer: sniffer)
                let client = try providerOptions.ihuyiClient(settings)
                if dryRun {
                    let request = try client.request(
                        "templateCreate",
                        payload: IhuyiRequestBody.templateCreate(fields, content: content, requestID: requestID))
                    return try StandardOutput.write(RequestPrinter.render(request))
                }
                let id = try await client.createTemplate(fields: fields, content: content, requestID: requestID)
                try StandardOutput.write(
                    json
                        ? "{\"template_id\": \(id)}\n"
                        : "template \(id) submitted for carrier review; the result arrives as a template-review push\n")
            case .jpush:
                let draft = try draftOptions.draft()
                try draft.validate()
                if dryRun {
                    return try StandardOutput.write(
                        "POST \(URLRedaction.redact(settings.baseURL.appendingPathComponent("v1/templates")))\n\(try StandardOutput.json(draft))\n"
                    )
                }
                let id = try await providerOptions.jpushClient(settings).createTemplate(draft)
                try StandardOutput.write(json ? "{\"temp_id\": \(id)}\n" : "template \(id) submitted for review\n")
            default:
                throw CommandFailure.toolError("mmskit cannot create \(providerOptions.provider) templates")
            }
        }
    }

    struct Show: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(abstract: "Show a JPush template and its review status.")

        @Argument(help: "The template id.")
        var id: Int

        @OptionGroup var providerOptions: ProviderOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws { try Self.requireJPush(providerOptions, "show") }

        func run() async throws {
            let settings = try providerOptions.settings()
            let template = try await providerOptions.jpushClient(settings).template(id: id)
            if json { return try StandardOutput.writeJSON(template) }
            var text = "template \(template.id): \(DisplayText.escaped("\(template.status)"))\n"
            text +=
                "type: \(JPushTemplateType(rawValue: template.typeCode).map { "\($0)" } ?? "type \(template.typeCode)")\n"
            if let ttl = template.ttl { text += "ttl: \(ttl) s\n" }
            if let remark = template.remark { text += "remark: \(DisplayText.escaped(remark))\n" }
            text += "text: \(DisplayText.escaped(template.text))\n"
            try StandardOutput.write(text)
        }

        /// Show, update and delete are JPush's: a refusal names the provider asked for and what it can do instead.
        static func requireJPush(_ options: ProviderOptions, _ verb: String) throws {
            try options.require(.templates)
            switch options.provider {
            case .jpush: return
            case .ihuyi:
                throw ValidationError(
                    "ihuyi's MMS API cannot \(verb) templates, only create them (mmskit template create); their review results arrive as pushes: see mmskit template status ID with the receiver's store"
                )
            case let other:
                throw ValidationError("mmskit cannot \(verb) \(other) templates; it can \(verb) jpush's")
            }
        }
    }

    struct Update: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(abstract: "Change a rejected JPush template and resubmit it.")

        @Argument(help: "The template id.")
        var id: Int

        @OptionGroup var providerOptions: ProviderOptions
        @OptionGroup var draftOptions: JPushDraftOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws { try Show.requireJPush(providerOptions, "update") }

        func run() async throws {
            let settings = try providerOptions.settings()
            let draft = try draftOptions.draft()
            try await providerOptions.jpushClient(settings).updateTemplate(id: id, draft)
            try StandardOutput.write(
                json
                    ? "{\"temp_id\": \(id), \"updated\": true}\n"
                    : "template \(id) updated and resubmitted for review\n")
        }
    }

    struct Delete: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a JPush template.")

        @Argument(help: "The template id.")
        var id: Int

        @OptionGroup var providerOptions: ProviderOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws { try Show.requireJPush(providerOptions, "delete") }

        func run() async throws {
            let settings = try providerOptions.settings()
            try await providerOptions.jpushClient(settings).deleteTemplate(id: id)
            try StandardOutput.write(json ? "{\"temp_id\": \(id), \"deleted\": true}\n" : "template \(id) deleted\n")
        }
    }
}
