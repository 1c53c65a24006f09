import Foundation
import MMSKitTestSupport
import Testing

/// `records` and `balance` for itniotech: the built binary against a fake itniotech on 127.0.0.1, every output
/// searched for the key, the secret and the signatures.
@Suite struct ItniotechCommandTests {
    static func environment(_ server: FakeItniotechServer, home: String) -> [String: String] {
        [
            "MMSKIT_ITNIOTECH_API_KEY": server.apiKey, "MMSKIT_ITNIOTECH_API_SECRET": server.apiSecret,
            "MMSKIT_ITNIOTECH_BASE_URL": server.baseURL.absoluteString, "HOME": home,
            "XDG_CONFIG_HOME": "\(home)/.config", "XDG_CACHE_HOME": "\(home)/.cache",
        ]
    }

    static func assertNoSecret(_ texts: [String], secrets: [String]) {
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "a secret leaked: \(text.prefix(300))") }
        }
    }

    @Test func recordsFromFlagsFilesAndStdinInCallsOf200() throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let ids = (0..<401).map { "m\($0)" }
        server.withState { state in
            for (index, id) in ids.enumerated() where index != 7 {
                state.records[id] = [.init(toAddress: "u\(index)@example.com", status: index.isMultiple(of: 2) ? 0 : 1)]
            }
        }
        let file = home.appending("ids.txt")
        try ids.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids-file", file, "--verbose"],
            environment: env)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(server.withState { $0.idsPerCall } == [200, 200, 1])
        #expect(fromFile.stdoutText.contains("201 sent, 199 failed, 0 sending, 1 not found"))
        #expect(fromFile.stderr.contains("1 id not found: m7"))
        #expect(fromFile.stderr.contains("/email/getSendEmailRcd → 200"))
        let lines = fromFile.stdoutText.split(separator: "\n")
        #expect(lines[1].hasPrefix("m0 "))
        #expect(lines[400].hasPrefix("m400 "))

        let fromStdin = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids-file", "-", "--json"],
            environment: env, standardInput: Data("m1, m2\nm7".utf8))
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: fromStdin.stdout) as? [String: Any])
        #expect(json["not_found"] as? [String] == ["m7"])
        #expect((json["records"] as? [[String: Any]])?.compactMap { $0["emailId"] as? String } == ["m1", "m2"])
        #expect(json["success"] as? Int == 1)

        let csv = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids", "m3,m4", "--csv"],
            environment: env)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(
            csv.stdoutText == "EMAIL_ID,TO,STATUS,RECEIVED\r\nm3,u3@example.com,failed,\r\nm4,u4@example.com,sent,\r\n")

        let noIDs = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids-file", "-"], environment: env,
            standardInput: Data(" \n".utf8))
        #expect(noIDs.status == 1)
        let usage = try CLIRunner.run(["records", "--provider", "itniotech", "--ids", "a"], environment: env)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--app-id"))
        let noRecords = try CLIRunner.run(
            ["records", "--provider", "jpush", "--app-id", "x", "--ids", "a"], environment: env)
        #expect(noRecords.status == 64)
        #expect(noRecords.stderr.contains("itniotech"))

        let signs = server.withState { $0.headers }.compactMap { $0["sign"] }
        Self.assertNoSecret(
            [
                fromFile.stdoutText, fromFile.stderr, fromStdin.stdoutText, fromStdin.stderr, csv.stdoutText,
                csv.stderr,
                noIDs.stderr, usage.stderr,
            ], secrets: [server.apiSecret, server.apiKey] + signs)
    }

    @Test func balanceAndRefusals() throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = Self.environment(server, home: home.path)
        let balance = try CLIRunner.run(["balance", "--provider", "itniotech"], environment: env)
        #expect(balance.status == 0, "\(balance.stderr)")
        #expect(balance.stdoutText.contains("BALANCE"))
        #expect(balance.stdoutText.contains("1,234.50") || balance.stdoutText.contains("1234.50"))
        let json = try CLIRunner.run(["balance", "--provider", "itniotech", "--json"], environment: env)
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(object["balance"] as? Double == 1234.5)
        #expect(object["gift"] as? Double == 10)

        server.withState { $0.forcedStatus = ("-6", "timestamp expired") }
        let clock = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids", "a", "--json"], environment: env)
        #expect(clock.status == 2)
        #expect(clock.stderr.contains("clock"))
        #expect(clock.stdoutText.contains("\"status\" : 2"))
        server.withState { $0.forcedStatus = ("-5", "bad query id") }
        let bad = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids", "a"], environment: env)
        #expect(bad.status == 1)
        server.withState {
            $0.forcedStatus = nil
            $0.successValue = "lots"
        }
        let garbled = try CLIRunner.run(
            ["records", "--provider", "itniotech", "--app-id", server.appID, "--ids", "a"], environment: env)
        #expect(garbled.status == 2)
        #expect(garbled.stderr.contains("success = \"lots\""))
        var withoutSecret = env
        withoutSecret["MMSKIT_ITNIOTECH_API_SECRET"] = ""
        let missing = try CLIRunner.run(["balance", "--provider", "itniotech"], environment: withoutSecret)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("MMSKIT_ITNIOTECH_API_SECRET"))
        Self.assertNoSecret(
            [balance.stdoutText, balance.stderr, json.stdoutText, clock.stderr, bad.stderr, garbled.stderr],
            secrets: [server.apiSecret, server.apiKey])
    }
}
