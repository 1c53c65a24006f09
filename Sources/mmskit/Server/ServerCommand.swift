import ArgumentParser
import MMSKitCommandLine

/// A command that `mmskit-server` runs: everything that goes on the network (providers, the receiver, the store,
/// the sandbox). `mmskit` hands it every argument as typed and replaces itself with that executable, so its help,
/// output, signals and exit status are the server executable's own.
protocol ServerCommand: ParsableCommand {
    /// The command's words, e.g. `["send"]`.
    static var path: [String] { get }
    /// Everything after them, captured unparsed.
    var arguments: [String] { get }
}

extension ServerCommand {
    func run() throws {
        try ServerExecutable.replaceProcess(arguments: Self.path + arguments)
    }
}
