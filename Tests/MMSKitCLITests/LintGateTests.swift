import Foundation
import MMSKitTestSupport
import Testing

/// The lint gate of `template create` and `send` checks with the settings `mmskit lint` uses.
@Suite struct LintGateTests {
    /// Fills `directory` with a one-frame campaign and returns its path.
    static func campaign(in directory: String, signName: String, text: String) throws -> String {
        try FileManager.default.copyItem(
            atPath: PackagePaths.sample("promo/01-cover.jpg"), toPath: "\(directory)/01-cover.jpg")
        try text.write(toFile: "\(directory)/01-text.txt", atomically: false, encoding: .utf8)
        try "title: 春季\nsign_name: \(signName)\npurpose: 会员推荐\n".write(
            toFile: "\(directory)/mms.yaml", atomically: false, encoding: .utf8)
        return directory
    }

    @Test func theGateAndLintAgreeOnTheConfiguration() throws {
        let server = try FakeIhuyiServer(apiKey: ProviderCommandTests.key)
        defer { server.stop() }
        let temporaryWork = try TemporaryDirectory()
        let work = temporaryWork.path
        let env = ProviderCommandTests.environment(server, home: work)
        let temporaryCampaign = try TemporaryDirectory()
        let campaign = try Self.campaign(in: temporaryCampaign.path, signName: "星河咖啡", text: "新品上市。回T退订")
        let create = [
            "template", "create", campaign, "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString,
        ]

        // Without configuration both refuse the sign_name without 【】.
        #expect(try CLIRunner.run(["lint", campaign], directory: work).status == 1)
        #expect(try CLIRunner.run(create, environment: env, directory: work).status == 1)
        #expect(server.withState { $0.requestCount } == 0)

        // A .mmskit.yml in the working directory turns the rule off for both.
        try "rules:\n  sign-name: off\n".write(toFile: "\(work)/.mmskit.yml", atomically: false, encoding: .utf8)
        #expect(try CLIRunner.run(["lint", campaign], directory: work).status == 0)
        let created = try CLIRunner.run(create, environment: env, directory: work)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(server.withState { $0.requestCount } == 1)

        // --config names a stricter file for both.
        try "rules:\n  sign-name: off\n  links-in-text: error\n".write(
            toFile: "\(work)/strict.yml", atomically: false, encoding: .utf8)
        let temporaryLinked = try TemporaryDirectory()
        let linked = try Self.campaign(in: temporaryLinked.path, signName: "星河咖啡", text: "详情见 https://example.com 回T退订")
        let lint = try CLIRunner.run(["lint", linked, "--config", "strict.yml"], directory: work)
        #expect(lint.status == 1)
        #expect(lint.stdoutText.contains("[links-in-text]"))
        let gated = try CLIRunner.run(
            [
                "template", "create", linked, "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString,
                "--config", "strict.yml",
            ], environment: env, directory: work)
        #expect(gated.status == 1)
        #expect(gated.stderr.contains("[links-in-text]"))
        let send = try CLIRunner.run(
            [
                "send", "--provider", "ihuyi", "--base-url", server.baseURL.absoluteString, "--content", linked,
                "--product-id", "1018", "--phones", "/dev/null", "--dry-run", "--config", "strict.yml",
            ], environment: env, directory: work)
        #expect(send.status == 1)
        #expect(send.stderr.contains("[links-in-text]"))
        #expect(server.withState { $0.requestCount } == 1)

        // A broken configuration stops the gate as it stops lint (exit 2).
        let broken = try CLIRunner.run(create + ["--config", "missing.yml"], environment: env, directory: work)
        #expect(broken.status == 2)
    }

    @Test func forceSaysItDoesNotPassMediaErrors() throws {
        let server = try FakeIhuyiServer(apiKey: ProviderCommandTests.key)
        defer { server.stop() }
        let home = try TemporaryDirectory()
        let env = ProviderCommandTests.environment(server, home: home.path)
        let result = try CLIRunner.run(
            [
                "template", "create", PackagePaths.sample("bad/webp"), "--provider", "ihuyi", "--base-url",
                server.baseURL.absoluteString, "--force",
            ], environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--force passes lint errors in the request, not media"))
        #expect(server.withState { $0.requestCount } == 0)
        let help = try CLIRunner.run(["template", "create", "--help"])
        #expect(help.stdoutText.contains("Media that cannot be used at all"))
    }
}
