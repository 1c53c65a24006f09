import ArgumentParser
import MMSKitCommandLine

extension MMSKitCommand {
    /// Handed to `mmskit-server` with every argument as typed: that executable holds the receiver and the store.
    struct Receipts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.receiptsAbstract,
            discussion: ServerCommandHelp.receiptsDiscussion
        )

        @Argument(parsing: .captureForPassthrough, help: "serve, stats, list, export or replay, and its options.")
        var arguments: [String] = []

        func run() throws {
            try ServerExecutable.replaceProcess(arguments: ["receipts"] + arguments)
        }
    }
}
