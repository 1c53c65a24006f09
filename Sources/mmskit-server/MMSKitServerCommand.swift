import ArgumentParser
import MMSKit

/// The half of mmskit that links the server and database libraries (Hummingbird, NIO, GRDB, PostgresNIO).
/// `mmskit receipts …` and `mmskit template status …` start this executable, so that building and linting
/// content never loads them; it is called `mmskit` in its help and messages because that is what the user typed.
@main
struct MMSKitServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmskit",
        abstract:
            "The receiver, the store and the sandbox of mmskit (started by `mmskit receipts`, `mmskit sandbox` and `mmskit template status`).",
        version: MMSKitVersion.current,
        subcommands: [Receipts.self, Template.self, Sandbox.self]
    )
}

extension MMSKitServerCommand {
    struct Template: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Template review results from the store.",
            subcommands: [Status.self]
        )
    }
}
