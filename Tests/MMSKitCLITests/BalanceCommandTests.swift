import Foundation
import MMSKitTestSupport
import Testing

/// `balance` for every provider, the built binary against servers on 127.0.0.1: answers that never end or are
/// too large, numbers of any size, and the table's one number format.
@Suite struct BalanceCommandTests {
    static let providers = ["ihuyi", "jpush", "itniotech", "sendpulse"]

    /// Credentials for `provider` (any will do for a server that checks none), and a HOME of its own.
    static func environment(_ provider: String, home: String) -> [String: String] {
        let credentials: [String: String] =
            switch provider {
            case "ihuyi": ["MMSKIT_IHUYI_API_ID": "C1234567", "MMSKIT_IHUYI_API_KEY": "ihuyi-key"]
            case "jpush": ["MMSKIT_JPUSH_APP_KEY": "app-key-1", "MMSKIT_JPUSH_MASTER_SECRET": "master-secret"]
            case "itniotech": ["MMSKIT_ITNIOTECH_API_KEY": "itn-key", "MMSKIT_ITNIOTECH_API_SECRET": "itn-secret"]
            default: ["MMSKIT_SENDPULSE_CLIENT_ID": "sp-client", "MMSKIT_SENDPULSE_CLIENT_SECRET": "sp-secret"]
            }
        return credentials.merging([
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "XDG_CACHE_HOME": "\(home)/.cache",
        ]) { $1 }
    }

    @Test(arguments: providers)
    func anEndlessAnswerStopsAtTheLimit(provider: String) throws {
        let endless = LocalHTTPServer.EndlessBody()
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(endless: endless) }
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let result = try CLIRunner.run(
            ["balance", "--provider", provider, "--base-url", server.baseURL.absoluteString, "--timeout", "600"],
            environment: Self.environment(provider, home: home.path), timeLimit: 120)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("the answer was too large"), "\(result.stderr)")
        #expect(result.stderr.contains("answered HTTP 200 with more than 8 MiB"), "\(result.stderr)")
        #expect(result.stderr.contains(server.baseURL.absoluteString + "/"), "names the endpoint: \(result.stderr)")
        #expect(endless.written.count < 8 << 20 + 32 << 20, "\(endless.written.count) bytes were taken")
    }

    @Test(arguments: providers)
    func anEndlessTricklingAnswerStopsAtTheTimeout(provider: String) throws {
        let endless = LocalHTTPServer.EndlessBody(chunk: Data(" ".utf8), pause: .milliseconds(20))
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(endless: endless) }
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let result = try CLIRunner.run(
            ["balance", "--provider", provider, "--base-url", server.baseURL.absoluteString, "--timeout", "2"],
            environment: Self.environment(provider, home: home.path), timeLimit: 120)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("timed out: 127.0.0.1 did not answer completely within 2 s"), "\(result.stderr)")
    }
}
