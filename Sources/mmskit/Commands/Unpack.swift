import ArgumentParser
import MMSKit
import MMSKitCommandLine

extension MMSKitCommand {
    struct Unpack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a JSON frame array or template body back out as a media directory.",
            discussion: "The directory (numbered files plus mms.yaml) builds back to byte-identical JSON."
        )

        @Argument(help: "A frame array, templateCreate or batchSend JSON file.")
        var file: String

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("The directory to create (must not exist, or be empty).", valueName: "dir"))
        var output: String

        @OptionGroup var snifferOptions: SnifferOptions

        func run() async throws {
            let sniffer = try snifferOptions.makeSniffer()
            let analysis = try ContentLoader(sniffer: sniffer).load(file)
            StandardError.print(diagnostics: analysis.diagnostics)
            try ContentUnpacker.unpack(analysis.content, fields: analysis.fields, to: output)
            let frames = Plural.count(analysis.content.frames.count, "frame")
            StandardError.write(
                "unpacked \(frames), \(Plural.count(analysis.items.count, "item")) into \(output)\n")
        }
    }
}
