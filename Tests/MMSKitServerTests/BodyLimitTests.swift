import Foundation
import Hummingbird
import HummingbirdTesting
import MMSKitServer
import Testing

/// A body over the limit is answered 413 without being read into memory: a declared length before any byte
/// of the body arrives, a chunked body as soon as it passes the limit. The chunked bodies and the idle
/// connection are written by hand: HummingbirdTesting's clients always send a whole body with its length.
@Suite struct BodyLimitTests {
    static let configuration = ReceiverConfiguration(maximumBodySize: 1000)

    @Test func refusesADeclaredLengthBeforeTheBodyIsSent() async throws {
        let store = RecordingStore()
        // On a real socket only the head is sent: the answer cannot depend on the body (the client would time
        // out waiting for it).
        try await ReceiverRoutes.test(Self.configuration, store: store, over: .live) { client in
            let reply = try await client.execute(
                uri: "/ihuyi/receipts", method: .post, headers: [.contentLength: String(64 << 20)])
            #expect(reply.status == .contentTooLarge)
        }
        #expect(await store.started == 0)
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

    static let bodyAtTheLimit = Data(
        (IhuyiRouteTests.receipt + String(repeating: " ", count: 1000 - IhuyiRouteTests.receipt.utf8.count)).utf8)

    @Test func acceptsAChunkedBodyAtTheLimit() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(Self.configuration, store: store)
        let body = Self.bodyAtTheLimit
        let head = RawHTTPClient.message("POST", "/ihuyi/receipts", headers: ["Transfer-Encoding": "chunked"])
        let chunked = Data("\(String(body.count, radix: 16))\r\n".utf8) + body + Data("\r\n0\r\n\r\n".utf8)
        #expect(try await RawHTTPClient.exchange(port: receiver.port, parts: [head, chunked]).body == "success")
        try await receiver.stop()
    }

    @Test func acceptsADeclaredLengthAtTheLimit() async throws {
        try await ReceiverRoutes.test(Self.configuration, store: RecordingStore()) { client in
            let reply = try await client.execute(
                uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(bytes: Self.bodyAtTheLimit))
            #expect(reply.text == "success")
        }
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
