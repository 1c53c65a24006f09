import ArgumentParser
import MMSKitCommandLine

// The commands `mmskit-server` runs, as `mmskit` lists them. Each one captures its arguments unparsed
// (`--help` included) and hands them on.
extension MMSKitCommand {
    struct Template: ServerCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.templateAbstract)
        static let path = ["template"]
        @Argument(parsing: .captureForPassthrough, help: "create, show, update, delete or status, and its options.")
        var arguments: [String] = []
    }

    struct Send: ServerCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.sendAbstract)
        static let path = ["send"]
        @Argument(parsing: .captureForPassthrough, help: "The send options (`mmskit send --help`).")
        var arguments: [String] = []
    }

    struct Balance: ServerCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.balanceAbstract)
        static let path = ["balance"]
        @Argument(parsing: .captureForPassthrough, help: "The balance options (`mmskit balance --help`).")
        var arguments: [String] = []
    }

    struct Records: ServerCommand {
        static let configuration = CommandConfiguration(abstract: ServerCommandHelp.recordsAbstract)
        static let path = ["records"]
        @Argument(parsing: .captureForPassthrough, help: "The records options (`mmskit records --help`).")
        var arguments: [String] = []
    }

    struct Receipts: ServerCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.receiptsAbstract, discussion: ServerCommandHelp.receiptsDiscussion)
        static let path = ["receipts"]
        @Argument(parsing: .captureForPassthrough, help: "serve, stats, list, export or replay, and its options.")
        var arguments: [String] = []
    }

    struct OptOut: ServerCommand {
        static let configuration = CommandConfiguration(
            commandName: "optout", abstract: ServerCommandHelp.optOutAbstract,
            discussion: ServerCommandHelp.optOutDiscussion)
        static let path = ["optout"]
        @Argument(parsing: .captureForPassthrough, help: "list, add, remove, import or export, and its options.")
        var arguments: [String] = []
    }

    struct Report: ServerCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.reportAbstract, discussion: ServerCommandHelp.reportDiscussion)
        static let path = ["report"]
        @Argument(
            parsing: .captureForPassthrough, help: "The journals and the report's options (`mmskit report --help`).")
        var arguments: [String] = []
    }

    struct Sandbox: ServerCommand {
        static let configuration = CommandConfiguration(
            abstract: ServerCommandHelp.sandboxAbstract, discussion: ServerCommandHelp.sandboxDiscussion)
        static let path = ["sandbox"]
        @Argument(parsing: .captureForPassthrough, help: "The sandbox's options (`mmskit sandbox --help`).")
        var arguments: [String] = []
    }
}
