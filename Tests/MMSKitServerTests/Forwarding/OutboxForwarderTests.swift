import Foundation
import Logging
import MMSKit
import MMSKitProviders
import MMSKitServer
import MMSKitStore
import MMSKitTestSupport
import Synchronization
import Testing

/// Records are handed on from the outbox: signed, at least once, in arrival order per task, retried on the
/// schedule until a 2xx.
@Suite struct OutboxForwarderTests {
    static let endpoint = URL(string: "http://127.0.0.1:1/hooks")!
    static let signer = try! StandardWebhookSigner(
        secret: Secret("whsec_" + Data("forwarding-key-for-the-tests".utf8).base64EncodedString()))

    static func receipt(task: String, phone: String, code: String = "DELIVERED") -> PushRecord {
        let body = #"{"task_id":"\#(task)","phone":"\#(phone)","code":"\#(code)","report_time":"2026-12-01 10:00:00"}"#
        return try! IhuyiPushParser.records(from: Data(body.utf8), kind: .deliveryReceipt)[0]
    }

    /// A clock the test moves.
    final class Clock: Sendable {
        let time = Mutex(Date().addingTimeInterval(1))
        func advance(_ seconds: TimeInterval) { time.withLock { $0 += seconds } }
        var now: Date { time.withLock { $0 } }
    }

    @Test func aFailedDeliveryHoldsItsTaskAndIsRetriedOnSchedule() async throws {
        let directory = try TemporaryDirectory("mmskit-forward")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"), forwarding: true)
        _ = try await store.store([
            Self.receipt(task: "T1", phone: "13800138000"), Self.receipt(task: "T2", phone: "13800138001"),
        ])
        _ = try await store.store([Self.receipt(task: "T1", phone: "13800138002")])
        let transport = RecordingTransport(responses: .text(503, "busy"), .text(200, "ok"))
        let clock = Clock()
        let forwarder = OutboxForwarder(
            store: store, endpoint: Self.endpoint, signer: Self.signer, transport: transport,
            logger: Logger(label: "test"), now: { clock.now })

        // T1's first record fails: its second waits, T2's goes.
        #expect(try await forwarder.forwardDue() == 2)
        let first = transport.requests.map { Self.phone(in: $0) }
        #expect(first == ["13800138000", "13800138001"])
        // Nothing is due before the first retry (5 s).
        clock.advance(4)
        #expect(try await forwarder.forwardDue() == 0)
        clock.advance(2)
        transport.enqueue(.success(.text(200, "ok")), .success(.text(200, "ok")))
        #expect(try await forwarder.forwardDue() == 2)
        #expect(transport.requests.dropFirst(2).map { Self.phone(in: $0) } == ["13800138000", "13800138002"])
        #expect(try await forwarder.forwardDue() == 0, "delivered records are not offered again")

        // Every request is signed the Standard Webhooks way; the retry carries the first attempt's webhook-id.
        for request in transport.requests {
            let id = try #require(request.headers["webhook-id"])
            let timestamp = try #require(Int(request.headers["webhook-timestamp"] ?? ""))
            let signature = try #require(request.headers["webhook-signature"])
            #expect(
                Self.signer.verify(
                    id: id, timestamp: timestamp, body: request.body ?? Data(), signatureHeader: signature))
        }
        #expect(transport.requests[0].headers["webhook-id"] == transport.requests[2].headers["webhook-id"])
        try await store.close()
    }

    @Test func aLaterReportIsForwardedAgainUnderANewID() async throws {
        let directory = try TemporaryDirectory("mmskit-forward")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"), forwarding: true)
        _ = try await store.store([Self.receipt(task: "T1", phone: "13800138000", code: "UNDELIV")])
        let transport = RecordingTransport(responses: .text(204, ""))
        let forwarder = OutboxForwarder(
            store: store, endpoint: Self.endpoint, signer: Self.signer, transport: transport,
            logger: Logger(label: "test"))
        #expect(try await forwarder.forwardDue() == 1)
        // Revised at once, in the same millisecond as likely as not: the revision number tells them apart.
        _ = try await store.store([Self.receipt(task: "T1", phone: "13800138000", code: "DELIVERED")])
        transport.enqueue(.success(.text(200, "")))
        #expect(try await forwarder.forwardDue() == 1)
        _ = try await store.store([Self.receipt(task: "T1", phone: "13800138000", code: "UNDELIV")])
        transport.enqueue(.success(.text(200, "")))
        #expect(try await forwarder.forwardDue() == 1)
        let ids = transport.requests.compactMap { $0.headers["webhook-id"] }
        #expect(ids == ["msg_1_r1", "msg_1_r2", "msg_1_r3"])
        let codes = transport.requests.map { Self.object($0)["code"] as? String }
        #expect(codes == ["UNDELIV", "DELIVERED", "UNDELIV"])
        #expect(transport.requests.map { Self.object($0)["revision"] as? Int } == [1, 2, 3])
        try await store.close()
    }

    @Test func theBacklogAndFailedAttemptsAreCounted() async throws {
        let directory = try TemporaryDirectory("mmskit-forward")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"), forwarding: true)
        _ = try await store.store([
            Self.receipt(task: "T1", phone: "13800138000", code: "DELIVERED"),
            Self.receipt(task: "T2", phone: "13800138001", code: "DELIVERED"),
        ])
        #expect(try await store.outboxBacklog() == 2)
        let metrics = ReceiverMetrics()
        let transport = RecordingTransport(responses: .text(503, ""), .text(200, ""))
        let forwarder = OutboxForwarder(
            store: store, endpoint: Self.endpoint, signer: Self.signer, transport: transport,
            logger: Logger(label: "test"), metrics: metrics)
        #expect(try await forwarder.forwardDue() == 2)
        let text = String(decoding: metrics.exposition(), as: UTF8.self)
        #expect(text.contains("mmskit_forwarding_failures_total 1"))
        #expect(text.contains("mmskit_outbox_backlog 1"))
        try await store.close()
    }

    static func object(_ request: HTTPRequest) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: request.body ?? Data())) as? [String: Any] ?? [:]
    }

    static func phone(in request: HTTPRequest) -> String { object(request)["phone"] as? String ?? "" }
}
