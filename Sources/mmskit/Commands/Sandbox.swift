import ArgumentParser
import MMSKitCommandLine

extension MMSKitCommand {
    /// Handed to `mmskit-server` with every argument as typed: the sandbox is a server.
    struct Sandbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.sandboxAbstract,
            discussion: ServerCommandHelp.sandboxDiscussion
        )

        @Argument(parsing: .captureForPassthrough, help: "The sandbox's options (`mmskit sandbox --help`).")
        var arguments: [String] = []

        func run() throws {
            try ServerExecutable.replaceProcess(arguments: ["sandbox"] + arguments)
        }
    }
}
