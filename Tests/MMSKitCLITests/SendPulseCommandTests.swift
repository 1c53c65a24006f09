import Foundation
import MMSKitTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `balance` and `send` for SendPulse: the built binary against a fake SendPulse on 127.0.0.1, every output,
/// journal and cache file searched for the client secret and the tokens.
@Suite struct SendPulseCommandTests {
    static func environment(_ server: FakeSendPulseServer, home: String) -> [String: String] {
        [
            "MMSKIT_SENDPULSE_CLIENT_ID": server.clientID, "MMSKIT_SENDPULSE_CLIENT_SECRET": server.clientSecret,
            "MMSKIT_SENDPULSE_BASE_URL": server.baseURL.absoluteString, "MMSKIT_SENDPULSE_SENDER": "Shop",
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "XDG_CACHE_HOME": "\(home)/.cache",
        ]
    }

    static func assertNoSecret(_ texts: [String], secrets: [String]) {
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "a secret leaked: \(text.prefix(300))") }
        }
    }

    /// Every file under `directory`, as text.
    static func files(under directory: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory)
        var texts: [String] = []
        while let name = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: "\(directory)/\(name)") {
                texts.append(String(decoding: data, as: UTF8.self))
            }
        }
        return texts
    }

    @Test func balanceCachesTheTokenPrivately() throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let first = try CLIRunner.run(["balance", "--provider", "sendpulse"], environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutText.contains("balance_currency"))
        #expect(first.stdoutText.contains("detail.sms.count"))
        let second = try CLIRunner.run(["balance", "--provider", "sendpulse", "--json", "--verbose"], environment: env)
        #expect(second.status == 0, "\(second.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: second.stdout) as? [String: Any])
        #expect((object["balance"] as? [String: Any])?["currency"] as? String == "USD")
        #expect(server.withState { $0.tokenRequests } == 1, "the second run uses the cached token")
        let cache = home.appending(".cache/mmskit")
        let names = try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".json") }
        #expect(names.count == 1)
        var status = stat()
        #expect(stat("\(cache)/\(names[0])", &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let tokens = server.withState { $0.validTokens }
        Self.assertNoSecret(
            [first.stdoutText, first.stderr, second.stdoutText, second.stderr] + Self.files(under: cache),
            secrets: [server.clientSecret])
        Self.assertNoSecret([first.stdoutText, first.stderr, second.stdoutText, second.stderr], secrets: Array(tokens))
    }

    @Test func twoProcessesShareTheTokenCacheWithoutClobberingIt() throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let results = Mutex<[CLIRunner.Result]>([])
        let threads = (0..<2).map { _ in
            Thread {
                if let result = try? CLIRunner.run(["balance", "--provider", "sendpulse"], environment: env) {
                    results.withLock { $0.append(result) }
                }
            }
        }
        for thread in threads { thread.start() }
        while results.withLock({ $0.count }) < 2 && threads.contains(where: { !$0.isFinished }) { usleep(20_000) }
        #expect(results.withLock { $0.map(\.status) } == [0, 0])
        let cache = home.appending(".cache/mmskit")
        let names = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(names.filter { $0.hasSuffix(".json") }.count == 1)
        #expect(names.filter { $0.hasSuffix(".tmp") }.isEmpty)
        let third = try CLIRunner.run(["balance", "--provider", "sendpulse"], environment: env)
        #expect(third.status == 0)
        #expect(server.withState { $0.tokenRequests } <= 2, "the cached token is whole and used")
    }

    @Test func sendJournalsChunksAndKeepsSecretsOut() throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let phones = home.appending("phones.txt")
        try (0..<25).map { String(13_900_000_000 + $0) }.joined(separator: "\n").write(
            toFile: phones, atomically: true, encoding: .utf8)
        let journal = home.appending("campaign.jsonl")
        let arguments = [
            "send", "--provider", "sendpulse", "--text", "春季新品上市", "--phones", phones, "--chunk-size", "10",
        ]
        let dryRun = try CLIRunner.run(arguments + ["--dry-run"], environment: env)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("POST \(server.baseURL.absoluteString)/sms/send"))
        #expect(dryRun.stdoutText.contains("\"8613900000000\""))
        #expect(server.withState { $0.requests.isEmpty }, "a dry run sends nothing")

        let sent = try CLIRunner.run(arguments + ["--journal", journal, "--json"], environment: env)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(server.withState { $0.smsBodies.count } == 3)
        #expect(server.withState { $0.deliveries.count == 25 && $0.deliveries.values.allSatisfy { $0 == 1 } })
        let body = try #require(
            try JSONSerialization.jsonObject(with: server.withState { $0.smsBodies[0] }) as? [String: Any])
        #expect(body["sender"] as? String == "Shop")
        #expect(body["body"] as? String == "春季新品上市")
        #expect((body["phones"] as? [String])?.count == 10)

        let resumed = try CLIRunner.run(
            ["send", "--provider", "sendpulse", "--text", "春季新品上市", "--phones", phones, "--resume", journal],
            environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.withState { $0.smsBodies.count } == 3, "a finished campaign sends nothing on resume")

        let noText = try CLIRunner.run(["send", "--provider", "sendpulse", "--phones", phones], environment: env)
        #expect(noText.status == 64)
        #expect(noText.stderr.contains("--text"))
        var noSender = env
        noSender["MMSKIT_SENDPULSE_SENDER"] = ""
        let withoutSender = try CLIRunner.run(arguments, environment: noSender)
        #expect(withoutSender.status == 2)
        #expect(withoutSender.stderr.contains("MMSKIT_SENDPULSE_SENDER"))

        server.withState { $0.smsError = (707, "Insufficient funds") }
        let refused = try CLIRunner.run(arguments + ["--journal", home.appending("refused.jsonl")], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Insufficient funds"))
        #expect(refused.stderr.contains("balance too low"))

        let tokens = Array(server.withState { $0.validTokens })
        let journals = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasSuffix(".jsonl") }
            .map { (try? String(contentsOfFile: home.appending($0), encoding: .utf8)) ?? "" }
        #expect(journals.count == 2)
        Self.assertNoSecret(
            [
                dryRun.stdoutText, dryRun.stderr, sent.stdoutText, sent.stderr, resumed.stdoutText, resumed.stderr,
                refused.stdoutText, refused.stderr,
            ] + journals, secrets: [server.clientSecret] + tokens)
        Self.assertNoSecret(Self.files(under: home.appending(".cache")), secrets: [server.clientSecret])
    }
}
