import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Preview: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one self-contained HTML page that shows the message as a phone shows it.",
            discussion: """
                The frames in order in a phone-width column, images, video and audio players (inline data: URIs), \
                the sign_name, each frame's size, the total size against the profile's limit, and every lint \
                diagnostic beside its frame. The page loads nothing from the network and runs no script.
                Exit status: 0 the preview was written and lint found no errors (warnings allowed), 1 the preview \
                was written but lint found errors (or the content cannot be shown at all: nothing is written), \
                2 unreadable path, unwritable output, bad configuration or libmagic failure, 64 usage.
                """
        )

        @Argument(help: "A media directory, or a frame array / templateCreate / batchSend JSON file.")
        var path: String

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write the page to this file (atomically) instead of stdout.", valueName: "file"))
        var output: String?

        @OptionGroup var configurationOptions: LintConfigurationOptions
        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let configuration = try configurationOptions.load()
            let sniffer = try snifferOptions.makeSniffer()
            let document = try PreviewDocument.load(path, sniffer: sniffer, configuration: configuration)
            StandardError.print(diagnostics: document.diagnostics)
            let html = PreviewRenderer().render(document)
            if let output, output != "-" {
                let inputs = InputFiles([path] + sniffer.databaseFiles + [configuration.file].compactMap { $0 })
                try AtomicFile.write(Data(html.utf8), to: output, protecting: inputs)
                StandardError.write("wrote \(DisplayText.escaped(output))\n")
            } else {
                try StandardOutput.writeRaw(html)
            }
            if document.hasErrors {
                throw CommandFailure.invalidContent
            }
        }
    }
}
