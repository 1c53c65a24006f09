import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `send` end to end where a campaign used to go wrong: lists from pipes, empty lists, two runners of one
/// journal, a scheduled time that has passed, bad --param, and JSON errors.
@Suite struct SendSafetyTests {
    static let key = ProviderCommandTests.key

    static func arguments(_ server: FakeIhuyiServer, phones: String) -> [String] {
        [
            "send", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--phones", phones,
            "--product-id", "1018", "--template-id", "42", "--chunk-size", "10",
        ]
    }

    static func numbers(_ count: Int) -> String {
        (0..<count).map { String(13_900_000_000 + $0) }.joined(separator: "\n") + "\n"
    }

    @Test func aListFromAPipeIsReadAndSent() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = ProviderCommandTests.environment(server, home: directory)
        let sent = try CLIRunner.run(
            Self.arguments(server, phones: "/dev/stdin") + ["--journal", "\(directory)/j.jsonl"], environment: env,
            standardInput: Data(Self.numbers(25).utf8))
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("recipients: 25 valid"))
        #expect(server.withState { $0.deliveries.count == 25 && $0.deliveries.values.allSatisfy { $0 == 1 } })
        // The copy of the stream is removed afterwards.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("mmskit-phones-")
        }
        #expect(leftovers.isEmpty, "\(leftovers)")

        let dryRun = try CLIRunner.run(
            Self.arguments(server, phones: "/dev/stdin") + ["--dry-run"], environment: env,
            standardInput: Data(Self.numbers(15).utf8))
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("# chunk 1: 10 numbers"))
        #expect(dryRun.stdoutText.contains("# chunk 2: 5 numbers"))
    }

    @Test(arguments: ["", "# only a comment\n\n", "12345\nnot a number\n"])
    func aListWithoutAValidNumberIsExitOneAndSendsNothing(list: String) throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = ProviderCommandTests.environment(server, home: directory)
        let path = "\(directory)/phones.txt"
        try list.write(toFile: path, atomically: false, encoding: .utf8)
        for extra in [["--journal", "\(directory)/j.jsonl"], ["--dry-run"]] {
            let result = try CLIRunner.run(Self.arguments(server, phones: path) + extra, environment: env)
            #expect(result.status == 1, "\(extra): \(result.stderr)")
            #expect(result.stderr.contains(list.isEmpty ? "is empty" : "has no valid number"), "\(result.stderr)")
        }
        let piped = try CLIRunner.run(
            Self.arguments(server, phones: "/dev/stdin") + ["--journal", "\(directory)/p.jsonl"], environment: env,
            standardInput: Data(list.utf8))
        #expect(piped.status == 1, "\(piped.stderr)")
        #expect(server.withState { $0.requestCount } == 0)
    }

    @Test func aJournalHeldByAnotherRunIsRefused() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = ProviderCommandTests.environment(server, home: directory)
        let phones = "\(directory)/phones.txt"
        try Self.numbers(25).write(toFile: phones, atomically: false, encoding: .utf8)
        let journal = "\(directory)/j.jsonl"
        // A first run whose key is wrong: every chunk is refused, the journal stays open for a resume.
        var wrongKey = env
        wrongKey["MMSKIT_IHUYI_API_KEY"] = "wrong"
        let refused = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--journal", journal], environment: wrongKey)
        #expect(refused.status == 2)
        // Another runner holds the journal: the resume stops before sending anything.
        let descriptor = open(journal, O_RDWR)
        #expect(flock(descriptor, LOCK_EX) == 0)
        let before = server.withState { $0.requestCount }
        let blocked = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--resume", journal], environment: env)
        #expect(blocked.status == 2)
        #expect(blocked.stderr.contains("is in use by another mmskit send"), "\(blocked.stderr)")
        #expect(server.withState { $0.requestCount } == before)
        close(descriptor)
        let resumed = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--resume", journal], environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.withState { $0.deliveries.count == 25 && $0.deliveries.values.allSatisfy { $0 == 1 } })
    }

    @Test func aScheduledCampaignWhoseTimeHasPassedResumesOnlyWithANewTime() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = ProviderCommandTests.environment(server, home: directory)
        let phones = "\(directory)/phones.txt"
        try Self.numbers(15).write(toFile: phones, atomically: false, encoding: .utf8)
        let journal = "\(directory)/j.jsonl"
        let soon = ChinaTime.format(Date().addingTimeInterval(3))
        var wrongKey = env
        wrongKey["MMSKIT_IHUYI_API_KEY"] = "wrong"
        let refused = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--journal", journal, "--at", soon], environment: wrongKey)
        #expect(refused.status == 2, "\(refused.stderr)")
        while Date() <= ChinaTime.parse(soon)!.addingTimeInterval(1) { usleep(100_000) }

        let before = server.withState { $0.requestCount }
        let passed = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--resume", journal], environment: env)
        #expect(passed.status == 2)
        #expect(passed.stderr.contains("which has passed"), "\(passed.stderr)")
        #expect(passed.stderr.contains("--now"))
        #expect(server.withState { $0.requestCount } == before)

        let later = ChinaTime.format(Date().addingTimeInterval(3600))
        let rescheduled = try CLIRunner.run(
            Self.arguments(server, phones: phones) + ["--resume", journal, "--at", later], environment: env)
        #expect(rescheduled.status == 0, "\(rescheduled.stderr)")
        let sendTimes = server.withState { $0.bodies.dropFirst(before).map { $0["send_time"] as? String } }
        #expect(sendTimes == [later, later])
        #expect(server.withState { $0.deliveries.count == 15 })
        #expect(try String(contentsOfFile: journal, encoding: .utf8).contains("\"type\":\"schedule\""))
    }

    @Test(arguments: [
        ["--param", "=x"], ["--param", " =x"], ["--param", "a=1", "--param", "a=2"], ["--param", "novalue"],
    ])
    func badParametersAreUsageErrors(param: [String]) throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Self.numbers(2).write(toFile: "\(directory)/phones.txt", atomically: false, encoding: .utf8)
        let result = try CLIRunner.run(
            ["send", "--provider", "jpush", "--template-id", "1", "--phones", "\(directory)/phones.txt", "--dry-run"]
                + param)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--param"))
    }

    @Test func jsonCommandsPrintAJSONErrorOnFailure() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try "".write(toFile: "\(directory)/phones.txt", atomically: false, encoding: .utf8)
        let env = [
            "MMSKIT_IHUYI_API_ID": "id", "MMSKIT_IHUYI_API_KEY": "secret-value-1", "HOME": directory,
            "XDG_CONFIG_HOME": "\(directory)/.config",
        ]
        // Port 9 on 127.0.0.1 (discard) is not listening: the request never arrives.
        let balance = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", "http://127.0.0.1:9", "--json"], environment: env)
        #expect(balance.status == 2)
        let error = try #require(try JSONSerialization.jsonObject(with: balance.stdout) as? [String: [String: Any]])
        #expect(error["error"]?["status"] as? Int == 2)
        #expect((error["error"]?["message"] as? String)?.contains("127.0.0.1") == true)
        #expect(!balance.stdoutText.contains("secret-value-1"))

        let send = try CLIRunner.run(
            [
                "send", "--provider", "ihuyi", "--base-url", "http://127.0.0.1:9", "--phones",
                "\(directory)/phones.txt", "--product-id", "1", "--template-id", "2", "--json",
            ], environment: env)
        #expect(send.status == 1)
        let sendError = try #require(try JSONSerialization.jsonObject(with: send.stdout) as? [String: [String: Any]])
        #expect(sendError["error"]?["status"] as? Int == 1)

        let inspect = try CLIRunner.run(["inspect", PackagePaths.sample("bad/webp"), "--json"])
        #expect(inspect.status == 1)
        let inspectError = try #require(
            try JSONSerialization.jsonObject(with: inspect.stdout) as? [String: [String: Any]])
        #expect((inspectError["error"]?["diagnostics"] as? [Any])?.isEmpty == false)
    }

    @Test func defaultJournalNamesDoNotCollide() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = ProviderCommandTests.environment(server, home: directory)
        try Self.numbers(3).write(toFile: "\(directory)/phones.txt", atomically: false, encoding: .utf8)
        for _ in 0..<3 {
            let sent = try CLIRunner.run(
                Self.arguments(server, phones: "phones.txt"), environment: env, directory: directory)
            #expect(sent.status == 0, "\(sent.stderr)")
        }
        let journals = try FileManager.default.contentsOfDirectory(atPath: directory).filter {
            $0.hasPrefix("mmskit-send-")
        }
        #expect(journals.count == 3)
    }
}
