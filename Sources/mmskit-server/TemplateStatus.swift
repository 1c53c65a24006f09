import ArgumentParser
import MMSKit
import MMSKitCommandLine
import MMSKitProviders
import MMSKitStore

extension MMSKitServerCommand.Template {
    struct Status: AsyncParsableCommand, JSONReportingCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.templateStatusAbstract,
            discussion: """
                ihuyi pushes SUCCESS or FAIL with the reason; JSMS pushes an SMS_TEMPLATE callback (1 approved, \
                2 rejected). `mmskit receipts serve` stores them; this reads the store. A template with no result yet \
                is pending (exit 0).
                """)

        @Argument(help: "The template id (ihuyi template_id or JSMS temp_id).")
        var id: Int

        @OptionGroup var storeOptions: StoreOptions

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            let reviews = try await storeOptions.withStore { store in
                try await store.statistics(task: nil).reviews.filter { $0.templateID == id }
            }
            let verdict = TemplateReviewVerdict(reviews.last)
            if json {
                struct Output: Encodable {
                    var templateID: Int
                    var status: String
                    var reviews: [PushStatistics.Review]
                    enum CodingKeys: String, CodingKey {
                        case templateID = "template_id"
                        case status, reviews
                    }
                }
                return try StandardOutput.writeJSON(Output(templateID: id, status: verdict.rawValue, reviews: reviews))
            }
            guard let latest = reviews.last else {
                return try StandardOutput.write("template \(id): pending (no review result has been pushed yet)\n")
            }
            var text =
                "template \(id): \(verdict.rawValue) (\(latest.provider) \(DisplayText.escaped(latest.code ?? "-"))"
            text += latest.message.map { ": \(DisplayText.escaped($0))" } ?? ""
            text += ", \(DisplayText.escaped(latest.time)))\n"
            if reviews.count > 1 {
                text += "\(Plural.count(reviews.count - 1, "earlier result")) in `mmskit receipts list --kind review`\n"
            }
            try StandardOutput.write(text)
        }
    }
}

/// A template's state from the latest review a provider pushed.
enum TemplateReviewVerdict: String {
    case pending, inReview = "in review", approved, rejected

    init(_ review: PushStatistics.Review?) {
        switch review?.code {
        case nil: self = .pending
        case IhuyiTemplateReview.approved?, "1"?: self = .approved
        case IhuyiTemplateReview.rejected?, "2"?: self = .rejected
        case "0"?: self = .inReview
        default: self = .pending
        }
    }
}
