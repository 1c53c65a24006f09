import Foundation
import MMSKitProviders
import MMSKitServer
import MMSKitStore
import MMSKitTestSupport
import Synchronization
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `mmskit receipts serve --forward-to URL`: stored records reach the application signed and in order, and the
/// provider is answered at once even while the application is down.
@Suite struct ForwardCommandTests {
    static let secret = "whsec_" + Data("forward-key-for-the-tests".utf8).base64EncodedString()

    static func post(_ index: Int, to receiver: URL) async throws -> String {
        var request = URLRequest(url: receiver.appendingPathComponent("ihuyi/receipts"))
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"task_id":"T9","phone":"1380013800\#(index)","code":"DELIVERED"}"#.utf8)
        let (data, _) = try await URLSession.shared.data(for: request)
        return String(decoding: data, as: UTF8.self)
    }

    /// Waits (up to 120 s) until the receiver's stderr contains `text`.
    static func waitUntil(_ receiver: ServerProcess, logs text: String) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !receiver.standardError.contains(text) && Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func storedRecordsReachTheApplicationSignedAndInOrder() async throws {
        let directory = try TemporaryDirectory("mmskit-forward-cli")
        let received = Mutex<[LocalHTTPServer.Request]>([])
        let application = try LocalHTTPServer { request in
            received.withLock { $0.append(request) }
            return LocalHTTPServer.Response(status: 200, body: Data())
        }
        defer { application.stop() }
        let receiver = try ServerProcess(
            [
                "receipts", "serve", "--port", "0", "--db", directory.appending("r.sqlite"), "--forward-to",
                application.baseURL.appendingPathComponent("hooks").absoluteString,
            ],
            environment: ["MMSKIT_FORWARD_SECRET": Self.secret], directory: directory.path)
        for index in 0..<3 { #expect(try await Self.post(index, to: receiver.url) == "success") }
        let deadline = Date().addingTimeInterval(120)
        while received.withLock({ $0.count }) < 3 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(receiver.stop() == 0, "\(receiver.standardError)")
        let requests = received.withLock { $0 }
        #expect(requests.map(\.forwardedPhone) == ["13800138000", "13800138001", "13800138002"])
        let signer = try StandardWebhookSigner(secret: Secret(Self.secret))
        for request in requests {
            #expect(request.isSigned(by: signer))
        }
        #expect(!receiver.standardError.contains(Self.secret))
    }

    @Test func theProviderIsAnsweredWhileTheApplicationIsDown() async throws {
        let directory = try TemporaryDirectory("mmskit-forward-cli")
        let application = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: 503, body: Data("down".utf8)) }
        defer { application.stop() }
        let database = directory.appending("r.sqlite")
        let receiver = try ServerProcess(
            ["receipts", "serve", "--port", "0", "--db", database, "--forward-to", application.baseURL.absoluteString],
            environment: ["MMSKIT_FORWARD_SECRET": Self.secret], directory: directory.path)
        #expect(try await Self.post(0, to: receiver.url) == "success")
        try await Self.waitUntil(receiver, logs: "HTTP 503")
        #expect(receiver.stop() == 0)
        #expect(
            receiver.standardError.contains("failed (HTTP 503); attempt 1, next in 5 s"), "\(receiver.standardError)")
        // The record waits in the outbox for the next attempt.
        let store = try SQLitePushStore(path: database, forwarding: true)
        let waiting = try await store.pendingDeliveries(limit: 10, now: Date().addingTimeInterval(3600))
        try await store.close()
        // At least one attempt failed (a loaded machine may have made the 5 s retry before the stop).
        #expect(waiting.count == 1 && (waiting.first?.attempts ?? 0) >= 1 && waiting.first?.lastError == "HTTP 503")
    }

    @Test func aRedirectNamesTheForwardToOption() async throws {
        let directory = try TemporaryDirectory("mmskit-forward-cli")
        let application = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(status: 301, headers: ["Location": "http://127.0.0.1:1/elsewhere"])
        }
        defer { application.stop() }
        let receiver = try ServerProcess(
            [
                "receipts", "serve", "--port", "0", "--db", directory.appending("r.sqlite"), "--forward-to",
                application.baseURL.absoluteString,
            ],
            environment: ["MMSKIT_FORWARD_SECRET": Self.secret], directory: directory.path)
        #expect(try await Self.post(0, to: receiver.url) == "success")
        try await Self.waitUntil(receiver, logs: "redirect")
        #expect(receiver.stop() == 0)
        #expect(receiver.standardError.contains("check --forward-to"), "\(receiver.standardError)")
        #expect(!receiver.standardError.contains("--base-url"), "\(receiver.standardError)")
    }

    @Test func forwardingNeedsTheSecret() throws {
        let directory = try TemporaryDirectory("mmskit-forward-cli")
        let result = try CLIRunner.run(
            [
                "receipts", "serve", "--port", "0", "--db", directory.appending("r.sqlite"), "--forward-to",
                "http://127.0.0.1:9/",
            ],
            environment: ["MMSKIT_FORWARD_SECRET": ""])
        #expect(result.status == 2 && result.stderr.contains("MMSKIT_FORWARD_SECRET"), "\(result.stderr)")
        #expect(try CLIRunner.run(["receipts", "serve", "--forward-to", "ftp://x"]).status == 64)
    }
}
