import Foundation
import MMSKitServer
import Testing

/// A body over the limit is answered 413 without being read into memory: a declared length before any byte
/// of the body arrives, a chunked body as soon as it passes the limit.
@Suite struct BodyLimitTests {
    static let configuration = ReceiverConfiguration(maximumBodySize: 1000)

    @Test func refusesADeclaredLengthBeforeTheBodyIsSent() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        // Only the head is sent: the answer cannot depend on the body.
        let head = RawHTTPClient.message("POST", "/ihuyi/receipts", headers: ["Content-Length": String(64 << 20)])
        let reply = try await RawHTTPClient.exchange(port: receiver.port, parts: [head])
        #expect(reply.status == 413)
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func refusesAChunkedBodyOnceItPassesTheLimit() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let head = RawHTTPClient.message("POST", "/ihuyi/receipts", headers: ["Transfer-Encoding": "chunked"])
        let chunk = Data("258\r\n".utf8) + Data(repeating: UInt8(ascii: " "), count: 600) + Data("\r\n".utf8)
        // Two chunks (1200 bytes) and no final chunk: the server must answer without waiting for the end.
        let reply = try await RawHTTPClient.exchange(port: receiver.port, parts: [head, chunk, chunk])
        #expect(reply.status == 413)
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func acceptsABodyAtTheLimit() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let receipt = IhuyiRouteTests.receipt
        let body = Data((receipt + String(repeating: " ", count: 1000 - receipt.utf8.count)).utf8)
        let head = RawHTTPClient.message("POST", "/ihuyi/receipts", headers: ["Transfer-Encoding": "chunked"])
        let chunked = Data("\(String(body.count, radix: 16))\r\n".utf8) + body + Data("\r\n0\r\n\r\n".utf8)
        #expect(try await RawHTTPClient.exchange(port: receiver.port, parts: [head, chunked]).body == "success")
        #expect(
            try await RawHTTPClient.request("POST", "/ihuyi/receipts", port: receiver.port, body: body).body
                == "success")
        try await receiver.stop()
    }

    @Test func closesAnIdleConnection() async throws {
        var configuration = ReceiverConfiguration()
        configuration.idleTimeout = .milliseconds(300)
        let receiver = try await RunningReceiver.start(configuration, store: RecordingStore())
        // A request head that never ends: the server closes the connection without answering.
        let received = try await RawHTTPClient.rawExchange(
            port: receiver.port, parts: [Data("POST /ihuyi/receipts HTTP/1.1\r\nHost: x\r\n".utf8)])
        #expect(received.isEmpty)
        try await receiver.stop()
    }
}
