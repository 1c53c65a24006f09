import ArgumentParser
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the JSON frame array (or a templateCreate body) from a directory of media.",
            discussion: """
                Files are grouped into frames by their leading number (01-intro.txt, 01-hero.jpg, 02-clip.mp4); \
                within a frame, file-name order is display order. An mms.yaml manifest may give title, \
                sign_name, purpose and an explicit frames list. Every media file is sniffed with libmagic and \
                its structure checked; all problems are reported at once.
                """
        )

        enum Shape: String, ExpressibleByArgument, CaseIterable {
            case content
            case template
        }

        @Argument(help: "The directory of media and text files.")
        var directory: String

        @Option(name: .customLong("as"), help: "content: the frame array; template: the ihuyi templateCreate body.")
        var shape: Shape = .content

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        @OptionGroup var fieldOptions: TemplateFieldOptions
        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let sniffer = try snifferOptions.makeSniffer()
            try CommandFailure.report {
                let analysis = try ContentBuilder(sniffer: sniffer).build(directory: directory)
                StandardError.print(diagnostics: analysis.diagnostics)
                let json: ContentJSON
                switch shape {
                case .content:
                    json = ContentJSON(content: analysis.content)
                case .template:
                    let fields = analysis.fields.overridden(by: fieldOptions.fields)
                    try fieldOptions.requireComplete(fields, manifestLocation: "\(directory)/mms.yaml")
                    json = ContentJSON(template: fields, content: analysis.content)
                }
                try StandardOutput.emit(
                    json, to: output, protecting: InputFiles([directory] + sniffer.databaseFiles))
            }
        }
    }
}
