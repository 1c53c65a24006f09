import Foundation
import MMSKitProviders
import MMSKitServer
import MMSKitStore
import MMSKitTestSupport
import Synchronization
import Testing

/// `mmskit receipts replay` with the built binary: every record from --since on, signed, in arrival order; a
/// refusing application stops it with exit 2 and the way to go on.
@Suite struct ReplayCommandTests {
    static let secret = "whsec_" + Data("replay-key-for-the-tests".utf8).base64EncodedString()

    static func database(in directory: TemporaryDirectory) async throws -> String {
        let path = directory.appending("r.sqlite")
        let store = try SQLitePushStore(path: path)
        for phone in ["13800138000", "13800138001", "13800138002"] {
            let body = #"{"task_id":"T1","phone":"\#(phone)","code":"DELIVERED","report_time":"2026-12-01 10:00:00"}"#
            _ = try await store.store(try IhuyiPushParser.records(from: Data(body.utf8), kind: .deliveryReceipt))
        }
        try await store.close()
        return path
    }

    @Test func everyRecordIsDeliveredSignedAndInOrder() async throws {
        let directory = try TemporaryDirectory("mmskit-replay")
        let database = try await Self.database(in: directory)
        let received = Mutex<[LocalHTTPServer.Request]>([])
        let server = try LocalHTTPServer { request in
            received.withLock { $0.append(request) }
            return LocalHTTPServer.Response(status: 204, body: Data())
        }
        defer { server.stop() }
        let result = try CLIRunner.run(
            [
                "receipts", "replay", "--db", database, "--since", "2000-01-01", "--to",
                server.baseURL.appendingPathComponent("hooks").absoluteString,
            ],
            environment: ["MMSKIT_FORWARD_SECRET": Self.secret])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText.hasPrefix("3 records delivered"))
        let requests = received.withLock { $0 }
        #expect(requests.map(\.forwardedPhone) == ["13800138000", "13800138001", "13800138002"])
        let signer = try StandardWebhookSigner(secret: Secret(Self.secret))
        for request in requests {
            #expect(request.path == "/hooks")
            #expect(request.isSigned(by: signer))
        }
        #expect(!result.stderr.contains(Self.secret) && !result.stdoutText.contains(Self.secret))
    }

    @Test func aRefusingApplicationStopsTheReplay() async throws {
        let directory = try TemporaryDirectory("mmskit-replay")
        let database = try await Self.database(in: directory)
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 500, body: Data("no".utf8)) }
        defer { server.stop() }
        let result = try CLIRunner.run(
            ["receipts", "replay", "--db", database, "--since", "2000-01-01", "--to", server.baseURL.absoluteString],
            environment: ["MMSKIT_FORWARD_SECRET": Self.secret])
        #expect(result.status == 2)
        #expect(result.stderr.contains("did not take record 1 (HTTP 500) after 0 delivered"), "\(result.stderr)")
        #expect(result.stderr.contains("--since"))
        let unsigned = try CLIRunner.run([
            "receipts", "replay", "--db", database, "--since", "2000-01-01", "--to", server.baseURL.absoluteString,
        ])
        #expect(unsigned.status == 2 && unsigned.stderr.contains("MMSKIT_FORWARD_SECRET"))
        #expect(
            try CLIRunner.run(["receipts", "replay", "--db", database, "--to", server.baseURL.absoluteString]).status
                == 64)
    }
}

/// A redirect from the application names the option that gave its URL (`--to`), not a provider's `--base-url`.
@Suite struct ReplayRedirectTests {
    @Test func aRedirectNamesTheToOption() async throws {
        let directory = try TemporaryDirectory("mmskit-replay")
        let database = try await ReplayCommandTests.database(in: directory)
        let server = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(status: 302, headers: ["Location": "http://127.0.0.1:1/elsewhere"])
        }
        defer { server.stop() }
        let result = try CLIRunner.run(
            ["receipts", "replay", "--db", database, "--since", "2000-01-01", "--to", server.baseURL.absoluteString],
            environment: ["MMSKIT_FORWARD_SECRET": ReplayCommandTests.secret])
        #expect(result.status == 2)
        #expect(result.stderr.contains("redirect") && result.stderr.contains("check --to"), "\(result.stderr)")
        #expect(!result.stderr.contains("--base-url"), "\(result.stderr)")
    }
}
