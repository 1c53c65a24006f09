import Foundation
import MMSKitTestSupport
import Synchronization
import Testing

/// `balance`, `template create` and `send` end to end: the built binary against fake providers on 127.0.0.1.
@Suite struct ProviderCommandTests {
    static let key = "ihuyi-SECRET-key-7a9c"

    /// An environment with credentials and a HOME without a credentials file.
    static func environment(_ server: FakeIhuyiServer, home: String) -> [String: String] {
        [
            "MMSKIT_IHUYI_API_ID": server.apiID, "MMSKIT_IHUYI_API_KEY": server.apiKey, "HOME": home,
            "XDG_CONFIG_HOME": "\(home)/.config",
        ]
    }

    static func phoneList(in directory: String, count: Int) throws -> String {
        var lines = ["# campaign list", "13800138000", "+86 138-0013-8000", "12345", ""]
        lines += (1..<count).map { String(13_900_000_000 + $0) }
        let path = "\(directory)/phones.txt"
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static func assertNoSecret(_ texts: [String]) {
        for text in texts { #expect(!text.contains(key), "a secret leaked: \(text.prefix(300))") }
    }

    @Test func balanceAndTemplateCreate() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = Self.environment(server, home: home)
        let balance = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(balance.status == 0, "\(balance.stderr)")
        #expect(balance.stdoutText.contains("1018"))
        #expect(balance.stdoutText.contains("营销彩信-房产类"))
        let created = try CLIRunner.run(
            [
                "template", "create", PackagePaths.sample("promo"), "--provider", "ihuyi", "--base-url",
                server.baseURL.absoluteString, "--json",
            ], environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdoutText.contains("\"template_id\": 7001"))
        let body = try #require(server.withState { $0.bodies.last })
        #expect(body["purpose"] as? String != nil)
        #expect((body["content"] as? [Any])?.count == 5)
        Self.assertNoSecret([balance.stdoutText, balance.stderr, created.stdoutText, created.stderr])
    }

    /// `build --as template` writes the very body `template create` sends, byte for byte, less what the request
    /// puts in front of it (the signature fields and request_id).
    @Test func templateCreateSendsTheBodyBuildWrites() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let overrides = ["--title", "春季 \"新品\"", "--purpose", "会员/推荐"]
        let built = try CLIRunner.run(["build", PackagePaths.sample("promo"), "--as", "template"] + overrides)
        #expect(built.status == 0, "\(built.stderr)")
        let created = try CLIRunner.run(
            [
                "template", "create", PackagePaths.sample("promo"), "--provider", "ihuyi", "--base-url",
                server.baseURL.absoluteString,
            ] + overrides, environment: env)
        #expect(created.status == 0, "\(created.stderr)")
        let sent = try #require(server.withState { $0.rawBodies.last })
        let requestID = try #require(server.withState { $0.bodies.last?["request_id"] as? String })
        let lead = Data(#""request_id":"\#(requestID)","#.utf8)
        let start = try #require(sent.range(of: lead))
        #expect(Data("{".utf8) + sent[start.upperBound...] == built.stdout)
    }

    @Test func contentWithLintErrorsIsNotSubmitted() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let broken = try CLIRunner.run(
            [
                "template", "create", PackagePaths.sample("bad/png-named-jpg"), "--provider", "ihuyi", "--base-url",
                server.baseURL.absoluteString,
            ], environment: env)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("[media-type-mismatch]"))
        // Content that builds but breaks a rule (sign_name without 【】) is linted and not submitted.
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try FileManager.default.copyItem(
            atPath: PackagePaths.sample("promo/01-cover.jpg"), toPath: "\(directory)/01-cover.jpg")
        try "新品上市。回T退订".write(toFile: "\(directory)/01-text.txt", atomically: false, encoding: .utf8)
        try "title: 春季\nsign_name: 星河咖啡\npurpose: 会员推荐\n".write(
            toFile: "\(directory)/mms.yaml", atomically: false, encoding: .utf8)
        let linted = try CLIRunner.run(
            ["template", "create", directory, "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString],
            environment: env)
        #expect(linted.status == 1)
        #expect(linted.stderr.contains("[sign-name]"))
        #expect(linted.stderr.contains("not submitted: fix the errors above, or pass --force"))
        #expect(server.withState { $0.requestCount } == 0)
        let forced = try CLIRunner.run(
            [
                "template", "create", directory, "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString,
                "--force",
            ], environment: env)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(server.withState { $0.requestCount } == 1)
    }

    @Test func sendJournalsResumesAndNeverLeaksTheKey() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let env = Self.environment(server, home: directory)
        let phones = try Self.phoneList(in: directory, count: 25)
        let journal = "\(directory)/campaign.jsonl"
        let arguments = [
            "send", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--phones", phones,
            "--product-id", "1018", "--content", PackagePaths.sample("promo"), "--chunk-size", "10",
        ]
        let sent = try CLIRunner.run(arguments + ["--journal", journal], environment: env)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stderr.contains("recipients: 25 valid, 1 duplicate skipped, 1 invalid line skipped"))
        #expect(sent.stderr.contains("phones.txt:4: \"12345\""))
        #expect(sent.stdoutText.contains("3 of 3 chunks acknowledged"))
        #expect(sent.stdoutText.contains("25 accepted"))
        #expect(server.withState { $0.deliveries.count == 25 && $0.deliveries.values.allSatisfy { $0 == 1 } })
        let requests = server.withState { $0.requestCount }

        let resumed = try CLIRunner.run(arguments + ["--resume", journal], environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdoutText.contains("3 from an earlier run"))
        #expect(server.withState { $0.requestCount } == requests, "a finished campaign sends nothing on resume")

        let changed = try CLIRunner.run(
            [
                "send", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--phones", phones,
                "--product-id", "1018", "--template-id", "9", "--resume", journal,
            ], environment: env)
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("the message has changed"))

        let dryRun = try CLIRunner.run(arguments + ["--dry-run", "--verbose"], environment: env)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("POST \(server.baseURL.absoluteString)/mms/v1/batchSend"))
        #expect(dryRun.stdoutText.contains("\"signature\""))
        #expect(dryRun.stdoutText.contains("characters)"))
        // A dry run lists the invalid lines as the send does, each with its line number.
        #expect(dryRun.stderr.contains("recipients: 25 valid, 1 duplicate skipped, 1 invalid line skipped"))
        #expect(dryRun.stderr.contains("skipped \(phones):4: \"12345\""), "\(dryRun.stderr)")
        #expect(server.withState { $0.requestCount } == requests, "a dry run sends nothing")

        let verbose = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--verbose"],
            environment: env)
        #expect(verbose.stderr.contains("POST \(server.baseURL.absoluteString)/mms/v1/balance → 200"))
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        Self.assertNoSecret([
            sent.stdoutText, sent.stderr, resumed.stdoutText, resumed.stderr, dryRun.stdoutText, dryRun.stderr,
            verbose.stdoutText, verbose.stderr, journalText, changed.stderr,
        ])
    }

    @Test func refusalsAndMissingCredentialsExitTwo() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        var env = Self.environment(server, home: home)
        env["MMSKIT_IHUYI_API_KEY"] = "not-the-key"
        let wrong = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("code 405"))
        #expect(wrong.stderr.contains("MMSKIT_IHUYI_API_KEY"))
        env["MMSKIT_IHUYI_API_KEY"] = ""
        env["MMSKIT_IHUYI_API_ID"] = ""
        let missing = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("ihuyi credentials are missing"))
        #expect(try CLIRunner.run(["send", "--provider", "ihuyi", "--phones", "x"], environment: env).status == 64)
        let past = try CLIRunner.run(
            [
                "send", "--provider", "ihuyi", "--phones", "x", "--product-id", "1", "--template-id", "2", "--at",
                "2020-01-01 00:00:00",
            ], environment: env)
        #expect(past.status == 64)
        #expect(past.stderr.contains("is in the past"))
        let impossible = try CLIRunner.run(
            [
                "send", "--provider", "ihuyi", "--phones", "x", "--product-id", "1", "--template-id", "2", "--at",
                "2099-02-30 10:00:00",
            ], environment: env)
        #expect(impossible.status == 64)
        #expect(impossible.stderr.contains("a real date"))
    }

    @Test func credentialsFileProfilesAndPermissionsWarning() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        try FileManager.default.createDirectory(atPath: "\(home)/.config/mmskit", withIntermediateDirectories: true)
        let file = "\(home)/.config/mmskit/credentials.yml"
        try
            "default:\n  ihuyi:\n    api_id: \(server.apiID)\n    api_key: \"\(Self.key)\"\n    base_url: \(server.baseURL.absoluteString)\n"
            .write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let env = [
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "MMSKIT_IHUYI_API_ID": "", "MMSKIT_IHUYI_API_KEY": "",
        ]
        let result = try CLIRunner.run(["balance", "--provider", "ihuyi"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("readable by other users"))
        #expect(result.stderr.contains("chmod 600"))
        let noProfile = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--credentials-profile", "staging"], environment: env)
        #expect(noProfile.status == 2)
        #expect(noProfile.stderr.contains("no profile 'staging'"))
        Self.assertNoSecret([result.stdoutText, result.stderr, noProfile.stderr])
    }

    @Test func jpushBalanceShowsUnallocatedQuotas() throws {
        let expected = "Basic " + Data("app-key-1:master-SECRET-2".utf8).base64EncodedString()
        let server = try LocalHTTPServer { request in
            guard request.headers["authorization"] == expected else {
                return .json(["error": ["code": 50002, "message": "authentication failed"]], status: 401)
            }
            return .json(["app_balance": 10, "app_voice": NSNull(), "app_industry": 0, "app_market": 3])
        }
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = [
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "MMSKIT_JPUSH_APP_KEY": "app-key-1",
            "MMSKIT_JPUSH_MASTER_SECRET": "master-SECRET-2",
        ]
        let result = try CLIRunner.run(
            ["balance", "--provider", "jpush", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.contains("not allocated"))
        let json = try CLIRunner.run(
            ["balance", "--provider", "jpush", "--base-url", server.baseURL.absoluteString, "--json"], environment: env)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(object["app_voice"] is NSNull)
        #expect((object["app_industry"] as? NSNumber)?.intValue == 0)
        var wrong = env
        wrong["MMSKIT_JPUSH_MASTER_SECRET"] = "nope"
        let refused = try CLIRunner.run(
            ["balance", "--provider", "jpush", "--base-url", server.baseURL.absoluteString], environment: wrong)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("50002"))
        for text in [result.stdoutText, result.stderr, json.stdoutText, refused.stderr] {
            #expect(!text.contains("master-SECRET-2"))
        }
    }

    @Test(arguments: ["nan", "inf", "1e308", "0", "-1", "3601"])
    func badTimeoutsAreUsageErrors(value: String) throws {
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let result = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", "http://127.0.0.1:9", "--timeout=\(value)"],
            environment: ["HOME": home])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--timeout must be a number of seconds more than 0 and at most 3600"))
    }

    @Test func aFractionalTimeoutWorksAndATricklingBodyIsCutOff() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = Self.environment(server, home: home)
        let prompt = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--timeout", "0.5"],
            environment: env)
        #expect(prompt.status == 0, "\(prompt.stderr)")
        #expect(prompt.stdoutText.contains("1018"))

        // A body of 200 bytes at one per 200 ms would keep a per-read timeout happy for 40 s.
        let trickling = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(
                body: Data(repeating: UInt8(ascii: " "), count: 200), bytePause: .milliseconds(200))
        }
        defer { trickling.stop() }
        let started = Date()
        let slow = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", trickling.baseURL.absoluteString, "--timeout", "1.5"],
            environment: env)
        #expect(slow.status == 2)
        #expect(slow.stderr.contains("timed out"), "\(slow.stderr)")
        #expect(Date().timeIntervalSince(started) < 20, "generous sanity bound: the timeout was 1.5 s")
    }

    @Test func urlCredentialsNeverShowInVerboseLogsOrErrors() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = Self.environment(server, home: home)
        let withUser = "http://proxyuser:proxy-PASSWORD-9@127.0.0.1:\(server.baseURL.port!)"
        let verbose = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", withUser, "--verbose"], environment: env)
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(
            verbose.stderr.contains("POST http://<redacted>@127.0.0.1:\(server.baseURL.port!)/mms/v1/balance → 200"),
            "\(verbose.stderr)")
        // Nothing listens on a stopped server's port: a connection failure names the URL without its user.
        let closed = try LocalHTTPServer { _ in .json([:]) }
        let port = closed.port
        closed.stop()
        let unreachable = "http://proxyuser:proxy-PASSWORD-9@127.0.0.1:\(port)"
        let failed = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", unreachable, "--verbose"], environment: env)
        #expect(failed.status == 2)
        let dryRun = try CLIRunner.run(
            [
                "template", "create", PackagePaths.sample("promo"), "--provider", "ihuyi", "--base-url", withUser,
                "--dry-run",
            ], environment: env)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("POST http://<redacted>@127.0.0.1"))
        for text in [
            verbose.stdoutText, verbose.stderr, failed.stdoutText, failed.stderr, dryRun.stdoutText, dryRun.stderr,
        ] {
            #expect(!text.contains("proxyuser") && !text.contains("proxy-PASSWORD-9"), "\(text.prefix(400))")
        }
    }

    @Test func aRedirectIsNotFollowedAndTheSecretStaysHome() throws {
        let contacted = Mutex(false)
        let second = try LocalHTTPServer { _ in
            contacted.withLock { $0 = true }
            return .json(["app_balance": 1])
        }
        defer { second.stop() }
        let first = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(
                status: 302, headers: ["Location": "http://u:p@127.0.0.1:\(second.port)/v1/accounts/app"])
        }
        defer { first.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = [
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "MMSKIT_JPUSH_APP_KEY": "app-key-1",
            "MMSKIT_JPUSH_MASTER_SECRET": "master-SECRET-2",
        ]
        let result = try CLIRunner.run(
            ["balance", "--provider", "jpush", "--base-url", first.baseURL.absoluteString], environment: env)
        #expect(result.status == 2)
        #expect(result.stderr.contains("HTTP 302"), "\(result.stderr)")
        #expect(result.stderr.contains("http://<redacted>@127.0.0.1:\(second.port)/v1/accounts/app"))
        #expect(result.stderr.contains("check --base-url"))
        #expect(!contacted.withLock { $0 }, "the redirect was followed")
    }

    @Test func aNamedCredentialsFileMustExist() throws {
        let server = try FakeIhuyiServer(apiKey: Self.key)
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        // The environment has working credentials: a missing file must still not be ignored.
        let env = Self.environment(server, home: home)
        for (path, reason) in [("\(home)/typo-credentials.yml", "does not exist"), (home, "is not a regular file")] {
            let result = try CLIRunner.run(
                ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--credentials", path],
                environment: env)
            #expect(result.status == 2, "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "the credentials file \(path) given with --credentials cannot be used: it \(reason)"),
                "\(result.stderr)")
        }
        #expect(server.withState { $0.requestCount } == 0)
        // The default file may be absent.
        let fallback = try CLIRunner.run(
            ["balance", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString], environment: env)
        #expect(fallback.status == 0, "\(fallback.stderr)")
    }

    @Test func aJPushTemplateThatBreaksAJSMSRuleIsAContentError() throws {
        let requests = Mutex(0)
        let server = try LocalHTTPServer { _ in
            requests.withLock { $0 += 1 }
            return .json(["temp_id": 1])
        }
        defer { server.stop() }
        let temporaryHome = try TemporaryDirectory()
        let home = temporaryHome.path
        let env = [
            "HOME": home, "XDG_CONFIG_HOME": "\(home)/.config", "MMSKIT_JPUSH_APP_KEY": "app-key-1",
            "MMSKIT_JPUSH_MASTER_SECRET": "master-SECRET-2",
        ]
        let base = ["--provider", "jpush", "--base-url", server.baseURL.absoluteString]
        for arguments in [
            ["template", "create", "--text", "【极光】订单已发货"] + base,
            ["template", "create", "--text", "【极光】订单已发货", "--dry-run"] + base,
            ["template", "update", "12", "--text", "验证码{{code}}", "--type", "code"] + base,
        ] {
            let result = try CLIRunner.run(arguments, environment: env)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("invalid JPush template"), "\(result.stderr)")
        }
        #expect(requests.withLock { $0 } == 0, "an invalid draft was sent")
        let valid = try CLIRunner.run(["template", "create", "--text", "您的订单{{no}}已发货"] + base, environment: env)
        #expect(valid.status == 0, "\(valid.stderr)")
    }

    /// `--provider` is one typed id in any letter case: every template subcommand takes the named provider's
    /// branch, and a refusal names that provider and what it can do instead.
    @Test(arguments: [["create"], ["show", "12"], ["update", "12"], ["delete", "12"]])
    func everyTemplateCommandResolvesTheProviderOnce(command: [String]) throws {
        let ihuyi = try FakeIhuyiServer(apiKey: Self.key)
        defer { ihuyi.stop() }
        let jpushRequests = Mutex<[String]>([])
        let jpush = try LocalHTTPServer { request in
            jpushRequests.withLock { $0.append("\(request.method) \(request.path)") }
            return request.method == "GET"
                ? .json(["temp_id": 12, "template": "您的订单{{no}}已发货", "type": 2, "status": 1])
                : .json(["temp_id": 12])
        }
        defer { jpush.stop() }
        let home = try TemporaryDirectory()
        var env = Self.environment(ihuyi, home: home.path)
        env["MMSKIT_JPUSH_APP_KEY"] = "app-key-1"
        env["MMSKIT_JPUSH_MASTER_SECRET"] = "master-SECRET-2"
        let isCreate = command == ["create"]
        let draft = command[0] == "create" || command[0] == "update" ? ["--text", "您的订单{{no}}已发货"] : []

        let upper = try CLIRunner.run(
            ["template"] + command + (isCreate ? [PackagePaths.sample("promo")] : [])
                + ["--provider", "IHUYI", "--base-url", ihuyi.baseURL.absoluteString], environment: env)
        if isCreate {
            #expect(upper.status == 0, "\(upper.stderr)")
            #expect(ihuyi.withState { $0.templates } == 1)
        } else {
            #expect(upper.status == 64, "\(upper.stderr)")
            #expect(upper.stderr.contains("ihuyi's MMS API cannot \(command[0]) templates"), "\(upper.stderr)")
        }
        #expect(!upper.stderr.contains("JPush"), "\(upper.stderr)")

        let mixed = try CLIRunner.run(
            ["template"] + command + draft + ["--provider", "JPush", "--base-url", jpush.baseURL.absoluteString],
            environment: env)
        #expect(mixed.status == 0, "\(mixed.stderr)")
        let method = ["create": "POST", "show": "GET", "update": "PUT", "delete": "DELETE"][command[0]]!
        #expect(jpushRequests.withLock { $0 } == ["\(method) /v1/templates\(isCreate ? "" : "/12")"])

        for (provider, offered) in [("itniotech", "balance, records"), ("SendPulse", "balance, send")] {
            let other = try CLIRunner.run(
                ["template"] + command + draft + ["--provider", provider], environment: env)
            #expect(other.status == 64, "\(other.stderr)")
            let id = provider.lowercased()
            #expect(
                other.stderr.contains(
                    "\(id) has no templates in mmskit (providers with templates: ihuyi, jpush); \(id) can do \(offered)"
                ),
                "\(other.stderr)")
            #expect(!other.stderr.contains("ihuyi's") && !other.stderr.contains("JPush templates"), "\(other.stderr)")
        }
    }

    @Test func aJPushAnswerThatLeavesNumbersOutEndsTheRunAsUnknown() throws {
        let server = try LocalHTTPServer { _ in
            .json(["success_count": 1, "failure_count": 0, "recipients": [["msg_id": "77", "mobile": "13900000001"]]])
        }
        defer { server.stop() }
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let phones = "\(directory)/phones.txt"
        try "13900000001\n13900000002\n13900000003\n".write(toFile: phones, atomically: false, encoding: .utf8)
        let env = [
            "HOME": directory, "XDG_CONFIG_HOME": "\(directory)/.config", "MMSKIT_JPUSH_APP_KEY": "app-key-1",
            "MMSKIT_JPUSH_MASTER_SECRET": "master-SECRET-2",
        ]
        let result = try CLIRunner.run(
            [
                "send", "--provider", "jpush", "--base-url", server.baseURL.absoluteString, "--template-id", "5",
                "--phones", phones, "--journal", "\(directory)/j.jsonl", "--json",
            ], environment: env)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("delivery to the other 2 (13900000002, 13900000003) is unknown"), "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect((summary["unaccounted"] as? NSNumber)?.intValue == 2)
        #expect((summary["accepted"] as? NSNumber)?.intValue == 1)
        #expect((summary["acknowledged_chunks"] as? NSNumber)?.intValue == 0)
    }

    /// `send` refuses a provider that cannot send with the registry's one refusal: the provider, who can send, and
    /// what this one can do instead (exit 64, before anything is read).
    @Test func sendRefusesAProviderWithoutCampaignsNamingWhatItCanDo() throws {
        let result = try CLIRunner.run(["send", "--provider", "ITNIOTECH", "--phones", "/dev/null"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "itniotech has no send in mmskit (providers with send: ihuyi, jpush, sendpulse); itniotech can do balance, records"
            ), "\(result.stderr)")
    }
}
