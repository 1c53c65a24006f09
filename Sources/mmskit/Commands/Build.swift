import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitFit

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

        @Flag(
            help: """
                Fit the media first (as mmskit fit does, into a temporary directory that is removed afterwards) \
                and build from the result; the fit report goes to stderr.
                """)
        var fit = false

        @Option(help: ArgumentHelp("With --fit: the message's size limit (default: the profile's).", valueName: "size"))
        var budget: ByteSize?

        @OptionGroup var fieldOptions: TemplateFieldOptions
        @OptionGroup var snifferOptions: SnifferOptions
        @OptionGroup var configurationOptions: LintConfigurationOptions

        func validate() throws {
            guard !fit else { return }
            if budget != nil { throw ValidationError("--budget needs --fit") }
            if configurationOptions.profile != nil || configurationOptions.config != nil {
                throw ValidationError("--profile and --config choose the limits to fit to; they need --fit")
            }
        }

        func run() async throws {
            guard fit else { return try build(directory) }
            let scratch = NSTemporaryDirectory() + "mmskit-build-fit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let fitted = "\(scratch)/fitted"
            do {
                try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure.toolError("cannot create a temporary directory \(scratch): \(error)")
            }
            let report = try await Fit.fit(
                directory: directory, into: fitted, budget: budget, configurationOptions: configurationOptions,
                snifferOptions: snifferOptions, showsProgress: true)
            StandardError.write(FitSummary.render(report, namingOutput: false))
            try build(fitted, shownAs: directory)
        }

        /// Builds `directory` to the output; `shownAs` names it in messages (the fitted copy is a temporary one).
        private func build(_ directory: String, shownAs: String? = nil) throws {
            let sniffer = try snifferOptions.makeSniffer()
            let analysis = try ContentBuilder(sniffer: sniffer).build(directory: directory)
            StandardError.print(diagnostics: analysis.diagnostics)
            let json: ContentJSON
            switch shape {
            case .content:
                json = ContentJSON(content: analysis.content)
            case .template:
                let fields = analysis.fields.overridden(by: fieldOptions.fields)
                try fieldOptions.requireComplete(fields, manifestLocation: "\(shownAs ?? directory)/mms.yaml")
                json = ContentJSON(template: fields, content: analysis.content)
            }
            try StandardOutput.emit(
                json, to: output, protecting: InputFiles([shownAs ?? directory] + sniffer.databaseFiles))
        }
    }
}
