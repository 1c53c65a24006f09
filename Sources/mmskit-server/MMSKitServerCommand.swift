import ArgumentParser
import MMSKit
import MMSKitCommandLine

/// The half of mmskit that goes on the network: the provider commands (template, send, balance, records, with
/// AsyncHTTPClient), the receiver and the store (Hummingbird, NIO, GRDB, PostgresNIO) and the sandbox. `mmskit` starts
/// this executable for those commands, so that building, linting and previewing content load none of it; it is
/// called `mmskit` in its help and messages because that is what the user typed.
@main
struct MMSKitServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmskit",
        abstract:
            "The provider commands, the receiver, the store and the sandbox of mmskit (started by mmskit).",
        version: MMSKitVersion.current,
        subcommands: [
            Template.self, Send.self, Balance.self, Records.self, Receipts.self, OptOutCommand.self, Report.self,
            Sandbox.self,
        ]
    )

    static func main() async {
        await mainWritingHelpThroughStandardOutput()
    }
}
