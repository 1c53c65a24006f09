import ArgumentParser
import MMSKit
import MMSKitCommandLine

@main
struct MMSKitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmskit",
        abstract: "Build, check and inspect Chinese carrier MMS (彩信) content.",
        discussion: """
            Exit status: 0 success (warnings allowed), 1 the content has errors, 2 the tool failed \
            (unreadable path, libmagic missing), 64 usage.
            """,
        version: MMSKitVersion.current,
        subcommands: [
            Build.self, Fit.self, Unpack.self, Inspect.self, Preview.self, Sniff.self, Lint.self, Rules.self,
            Template.self,
            Send.self, Balance.self, Records.self, Receipts.self, OptOut.self, Report.self, Sandbox.self,
        ]
    )

    static func main() async {
        await mainWritingHelpThroughStandardOutput()
    }
}
