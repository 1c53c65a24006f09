import ArgumentParser
import MMSKitCommandLine

extension MMSKitServerCommand {
    struct Receipts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.receiptsAbstract,
            discussion: ServerCommandHelp.receiptsDiscussion,
            subcommands: [Serve.self, Stats.self, List.self, Export.self, Replay.self, Migrate.self]
        )
    }
}
