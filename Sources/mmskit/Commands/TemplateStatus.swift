import ArgumentParser
import MMSKitCommandLine

extension MMSKitCommand.Template {
    /// Handed to `mmskit-server` with every argument as typed: the review results are in the receiver's store.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.templateStatusAbstract)

        @Argument(parsing: .captureForPassthrough, help: "The template id, then --db, --json.")
        var arguments: [String] = []

        func run() throws {
            try ServerExecutable.replaceProcess(arguments: ["template", "status"] + arguments)
        }
    }
}
