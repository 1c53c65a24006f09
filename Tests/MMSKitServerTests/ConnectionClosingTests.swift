import Foundation
import MMSKitProviders
import MMSKitServer
import Testing

/// No client holds a connection by sending slowly: an answer given before the request was read in full (too
/// slow, too large, no token, no such route) closes the connection, and so do the idle timeout in a request
/// head that never ends and between requests. Driven by a raw client on 127.0.0.1 that keeps trickling bytes.
@Suite struct ConnectionClosingTests {
    static let token = "connection-test-token"

    static var configuration: ReceiverConfiguration {
        var configuration = ReceiverConfiguration(token: Secret(token), maximumBodySize: 1000)
        configuration.bodyDeadline = .milliseconds(300)
        return configuration
    }

    static func head(_ target: String, length: Int) -> Data {
        Data("POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(length)\r\n\r\n".utf8)
    }

    @Test(arguments: [
        ("/ihuyi/receipts?token=\(token)", 900, 408),
        ("/ihuyi/receipts?token=\(token)", 10_000_000, 413),
        ("/ihuyi/receipts", 100_000, 401),
        ("/elsewhere?token=\(token)", 100_000, 404),
    ])
    func anAnswerBeforeTheBodyIsReadClosesTheConnection(target: String, length: Int, status: Int) async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let outcome = try await TricklingClient.run(
            port: receiver.port, opening: Self.head(target, length: length),
            trickle: Data(IhuyiRouteTests.receipt.utf8))
        #expect(outcome.received.hasPrefix("HTTP/1.1 \(status) "), "\(outcome)")
        #expect(outcome.received.lowercased().contains("connection: close"), "\(outcome)")
        #expect(outcome.serverEnded, "the connection stayed open after the answer: \(outcome)")
        #expect(outcome.serverStoppedReading, "the server kept reading after the answer: \(outcome)")
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func aRequestHeadTricklingInIsCutOffByTheIdleTimeout() async throws {
        var configuration = Self.configuration
        configuration.idleTimeout = .milliseconds(500)
        let receiver = try await RunningReceiver.start(configuration, store: RecordingStore())
        let outcome = try await TricklingClient.run(
            port: receiver.port,
            opening: Data("POST /ihuyi/receipts?token=\(Self.token) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8),
            trickle: Data("a".utf8))
        #expect(outcome.received.isEmpty, "\(outcome)")
        #expect(outcome.serverEnded, "the connection stayed open: \(outcome)")
        #expect(outcome.serverStoppedReading, "\(outcome)")
        try await receiver.stop()
    }

    @Test func aKeptAliveConnectionServesRequestsReadInFullThenClosesWhenIdle() async throws {
        var configuration = Self.configuration
        configuration.idleTimeout = .milliseconds(500)
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(configuration, store: store)
        let body = Data(IhuyiRouteTests.receipt.utf8)
        let request = Self.head("/ihuyi/receipts?token=\(Self.token)", length: body.count) + body
        // Two requests back to back on one connection, then silence.
        let outcome = try await TricklingClient.run(port: receiver.port, opening: request + request, trickle: Data())
        #expect(outcome.received.components(separatedBy: "HTTP/1.1 200 ").count == 3, "\(outcome)")
        #expect(!outcome.received.lowercased().contains("connection: close"), "\(outcome)")
        #expect(outcome.serverEnded, "the idle connection stayed open: \(outcome)")
        #expect(await store.started == 2)
        try await receiver.stop()
    }
}
