import ArgumentParser
import MMSKit

/// The libmagic database option shared by every command that sniffs media.
public struct SnifferOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .customLong("magic"),
        help: ArgumentHelp("A libmagic database (magic.mgc) to use instead of the system one.", valueName: "path"))
    public var databasePath: String?

    /// A sniffer with the database loaded; exits with status 2 when libmagic cannot be set up.
    public func makeSniffer() throws -> MediaSniffer {
        try MediaSniffer(databasePath: databasePath)
    }
}
