import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Synchronization
import Testing

@testable import MMSKitServer

/// The receiver's routes as Hummingbird's own tests drive them (`.router`: no socket): the probes outside the
/// token, the paths served only as written.
@Suite struct ProductionRoutesTests {
    static func application(store: any PushStore, token: String? = "s3cret") -> some ApplicationProtocol {
        var configuration = ReceiverConfiguration(token: token.map { Secret($0) })
        // A loaded test machine can take seconds to schedule a read; these tests are about the answer, not the time.
        configuration.readinessTimeout = .seconds(120)
        let receiver = ReceiptReceiver(configuration: configuration, store: store, logger: Logger(label: "test"))
        return Application(router: receiver.buildRouter())
    }

    @Test func theProbesAnswerWithoutTheTokenAndSayWhetherTheStoreAnswers() async throws {
        let store = RecordingStore()
        try await Self.application(store: store).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(
                    response.status == .ok && String(buffer: response.body) == "ready\n",
                    "\(String(buffer: response.body))")
            }
            await store.fail()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "not ready: disk full (a test failure)\n")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
            }
            // The provider routes still need the token.
            try await client.execute(uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: "{}")) {
                response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func aStoreThatDoesNotAnswerInTimeIsNotReady() async throws {
        var configuration = ReceiverConfiguration()
        configuration.readinessTimeout = .milliseconds(50)
        let store = RecordingStore()
        await store.hold()
        let receiver = ReceiptReceiver(configuration: configuration, store: store, logger: Logger(label: "test"))
        try await Application(router: receiver.buildRouter()).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(String(buffer: response.body) == "not ready: the store did not answer within 0.05 seconds\n")
            }
        }
        await store.release()
    }

    @Test func aRealStoreIsReadyAndAClosedOneIsNot() async throws {
        let directory = try TemporaryDirectory("mmskit-ready")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        try await Self.application(store: store).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
            }
            try await store.close()
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
        }
    }

    /// The byte scan that tells a path written otherwise than its route: doubled or trailing slashes, any bytes.
    @Test func aPathWrittenOtherwiseIsToldByItsSlashes() {
        for path in ["/a/", "//", "/a//b", "//a", "/é/", "/退订//", "/a/b/"] {
            #expect(UnknownRoute<BasicRequestContext>.isWrittenOtherwise(path), "\(path)")
        }
        for path in ["/", "", "/a", "/a/b", "/é", "a", "/ihuyi/receipts"] {
            #expect(!UnknownRoute<BasicRequestContext>.isWrittenOtherwise(path), "\(path)")
        }
    }

    @Test(arguments: ["/ihuyi/receipts/", "//ihuyi/receipts", "/ihuyi//receipts", "/healthz/"])
    func aPathIsServedOnlyAsWritten(path: String) async throws {
        let store = RecordingStore()
        try await Self.application(store: store, token: nil).test(.router) { client in
            try await client.execute(
                uri: path, method: path.hasPrefix("/healthz") ? .get : .post,
                body: ByteBuffer(string: IhuyiRouteTests.receipt)
            ) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("paths exactly as written"))
            }
            try await client.execute(
                uri: "/ihuyi/receipts", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: IhuyiRouteTests.receipt)
            ) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "success")
            }
        }
        #expect(await store.records.count == 1)
    }

    @Test func jsonLogLinesAreOneObjectEachWithNoSecret() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "mmskit.receiver") { label in
            JSONLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger[metadataKey: "route"] = "/ihuyi/receipts"
        logger.warning("refused POST /ihuyi/receipts (401): wrong token", metadata: ["status": "401"])
        logger.info("a message\nwith a line break")
        logger.debug("not at info")
        let written = lines.withLock { $0 }
        #expect(written.count == 2)
        for line in written {
            #expect(line.last == 0x0A && line.dropLast().firstIndex(of: 0x0A) == nil)
        }
        let first = try #require(try JSONSerialization.jsonObject(with: written[0]) as? [String: String])
        #expect(first["level"] == "warning" && first["label"] == "mmskit.receiver" && first["status"] == "401")
        #expect(first["route"] == "/ihuyi/receipts" && first["message"]?.hasPrefix("refused POST") == true)
        #expect(first["time"]?.hasSuffix("Z") == true)
        let second = try #require(try JSONSerialization.jsonObject(with: written[1]) as? [String: String])
        #expect(second["message"] == "a message\nwith a line break")
    }

    @Test func metricsCountRequestsAndRecordsBehindTheTokenWithoutAPhoneNumber() async throws {
        let directory = try TemporaryDirectory("mmskit-metrics")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        let metrics = ReceiverMetrics()
        await store.observeCommits { metrics.committed($0) }
        let receiver = ReceiptReceiver(
            configuration: ReceiverConfiguration(token: Secret("s3cret")), store: store, logger: Logger(label: "test"),
            metrics: metrics)
        try await Application(router: receiver.buildRouter()).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(
                    uri: "/ihuyi/receipts?token=s3cret", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: IhuyiRouteTests.receipt)
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/ihuyi/receipts/", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/metrics?token=s3cret", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let text = String(buffer: response.body)
                #expect(
                    text.contains(
                        #"mmskit_receiver_requests_total{route="/ihuyi/receipts",method="POST",status="200"} 2"#))
                #expect(
                    text.contains(#"mmskit_receiver_requests_total{route="unmatched",method="POST",status="404"} 1"#)
                        || text.contains(#"method="POST",status="404"} 1"#))
                #expect(
                    text.contains(
                        #"mmskit_store_records_total{provider="ihuyi",kind="delivery_receipt",result="inserted"} 1"#))
                #expect(
                    text.contains(
                        #"mmskit_store_records_total{provider="ihuyi",kind="delivery_receipt",result="duplicate"} 1"#))
                #expect(text.contains("mmskit_store_commit_records_count 2"))
                #expect(text.contains("mmskit_store_commit_duration_seconds_bucket"))
                #expect(text.contains("mmskit_receiver_request_duration_seconds_bucket{route=\"/ihuyi/receipts\""))
                // Nothing that identifies a person or a secret.
                #expect(!text.contains("13800138000") && !text.contains("s3cret"))
            }
        }
        try await store.close()
    }
}
