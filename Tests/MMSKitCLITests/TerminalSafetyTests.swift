import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

/// Names and texts from outside never act on the terminal or forge a line of their own in a CI log.
@Suite struct TerminalSafetyTests {
    /// No ESC anywhere, and no line that starts a workflow command except mmskit's own (`--format github`,
    /// whose commands name the real file).
    static func assertInert(_ texts: [String], _ context: String, ownCommandsUnder directory: String? = nil) {
        for text in texts {
            #expect(!text.contains("\u{1B}"), "\(context): an ESC reached the output: \(text)")
            for line in text.split(separator: "\n") where line.hasPrefix("::") {
                let own = directory.map { line.hasPrefix("::error file=\($0)/") } ?? false
                #expect(own, "\(context): a forged workflow command: \(line)")
            }
        }
    }

    @Test func hostileFileNamesAreEscapedInEveryTextOutput() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let media = "\(directory)/campaign"
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        let image = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("bad/webp/01-photo.jpg")))
        try image.write(to: URL(fileURLWithPath: "\(media)/01-a\n::error file=x::pwned.jpg"))
        try image.write(to: URL(fileURLWithPath: "\(media)/02-\u{1B}]0;owned\u{07}\u{1B}[2J.jpg"))
        for arguments in [
            ["build", media], ["sniff", media], ["lint", media], ["lint", media, "--format", "github"],
            ["inspect", media],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(
                result.stderr.contains("01-a\\n::error") || result.stdoutText.contains("01-a\\n::error")
                    || result.stdoutText.contains("01-a%0A"), "\(arguments): \(result.stdoutText)\(result.stderr)")
            Self.assertInert(
                [result.stdoutText, result.stderr], arguments.joined(separator: " "),
                ownCommandsUnder: arguments.contains("github") ? media : nil)
        }
    }

    @Test func providerTextIsEscapedAndTablesLineUp() throws {
        let server = try LocalHTTPServer { _ in
            .json([
                "code": "OK", "message": "ok",
                "data": [
                    ["product_id": 1018, "product_name": "营销彩信-通用", "balance": 188888],
                    ["product_id": 7, "product_name": "evil\u{1B}]0;title\u{07}\n::error::x", "balance": 5],
                    ["product_id": 20, "product_name": "notice", "balance": 12],
                ],
            ])
        }
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = [
            "MMSKIT_IHUYI_API_ID": "id", "MMSKIT_IHUYI_API_KEY": "k", "HOME": home,
            "XDG_CONFIG_HOME": "\(home)/.config",
        ]
        let balance = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(balance.status == 0, "\(balance.stderr)")
        Self.assertInert([balance.stdoutText, balance.stderr], "balance")
        #expect(balance.stdoutText.contains("evil\\e]0;title\\u{7}\\n::error::x"))
        // The BALANCE column ends in the same terminal column on every row, Chinese names included.
        let rows = balance.stdoutText.split(separator: "\n").map(String.init)
        let widths = Set(rows.map { DisplayWidth.of($0) })
        #expect(widths.count == 1, "\(rows)")

        let refusal = try LocalHTTPServer { _ in .json(["code": "4085", "message": "余额不足\u{1B}[2J\n::error::forged"]) }
        defer { refusal.stop() }
        let refused = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", refusal.baseURL.absoluteString], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("余额不足"))
        Self.assertInert([refused.stdoutText, refused.stderr], "provider error")
    }
}
