import Foundation
import MMSKitTestSupport
import Testing

/// `opt_outs.store` in `.mmskit.yml`: `send` leaves out that store's opt-outs without --db (so a team sets it
/// once and never forgets), from whatever directory it runs in; --ignore-optouts still sends to every number.
@Suite struct OptOutStoreSettingTests {
    @Test func sendLeavesOutTheConfiguredStoresOptOuts() throws {
        let work = try TemporaryDirectory("optout-setting")
        defer { work.remove() }
        try FileManager.default.createDirectory(atPath: work.appending("lists"), withIntermediateDirectories: true)
        let configuration = work.appending(".mmskit.yml")
        try "opt_outs:\n  store: lists/optouts.sqlite\n".write(toFile: configuration, atomically: true, encoding: .utf8)
        let added = try CLIRunner.run(["optout", "add", "13900000003", "--db", work.appending("lists/optouts.sqlite")])
        #expect(added.status == 0, "\(added.stderr)")
        let phones = work.appending("phones.txt")
        try (0..<5).map { String(format: "139%08d\n", $0) }.joined().write(
            toFile: phones, atomically: true, encoding: .utf8)
        let send = [
            "send", "--provider", "jpush", "--base-url", "http://127.0.0.1:9", "--phones", phones, "--template-id", "1",
            "--dry-run", "--config", configuration,
        ]
        let environment = SandboxEndToEndTests.jpushEnvironment
        // Run from another directory: the store is the configuration file's neighbour.
        let dryRun = try CLIRunner.run(send, environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdoutText.contains("1 suppressed (opted out)"), "\(dryRun.stdoutText)")
        #expect(!dryRun.stdoutText.contains("13900000003"))
        #expect(!dryRun.stderr.contains("no opt-out list"), "\(dryRun.stderr)")

        let ignoring = try CLIRunner.run(send + ["--ignore-optouts"], environment: environment)
        #expect(ignoring.status == 0, "\(ignoring.stderr)")
        #expect(ignoring.stdoutText.contains("13900000003"))

        try "opt_outs:\n  store: lists/missing/optouts.sqlite\n".write(
            toFile: configuration, atomically: true, encoding: .utf8)
        let missing = try CLIRunner.run(send, environment: environment)
        #expect(missing.status == 2, "\(missing.stderr)")
        #expect(missing.stderr.contains("lists/missing/optouts.sqlite"), "\(missing.stderr)")
    }
}
