import ArgumentParser
import MMSKit
import MMSKitCommandLine

/// The libmagic database option shared by every command that sniffs media.
struct SnifferOptions: ParsableArguments {
    @Option(
        name: .customLong("magic"),
        help: ArgumentHelp("A libmagic database (magic.mgc) to use instead of the system one.", valueName: "path"))
    var databasePath: String?

    /// A sniffer with the database loaded; exits with status 2 when libmagic cannot be set up.
    func makeSniffer() throws -> MediaSniffer {
        try CommandFailure.report { try MediaSniffer(databasePath: databasePath) }
    }
}
