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
        let receiver = ReceiptReceiver(
            configuration: ReceiverConfiguration(token: token.map { Secret($0) }), store: store,
            logger: Logger(label: "test"))
        return Application(router: receiver.buildRouter())
    }

    @Test func theProbesAnswerWithoutTheTokenAndSayWhetherTheStoreAnswers() async throws {
        let store = RecordingStore()
        try await Self.application(store: store).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok && String(buffer: response.body) == "ready\n")
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

    @Test func aRealStoreIsReadyAndAClosedOneIsNot() async throws {
        let directory = try TemporaryDirectory("mmskit-ready")
        let store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        try await Self.application(store: store).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .ok) }
            try await store.close()
            try await client.execute(uri: "/readyz", method: .get) { #expect($0.status == .serviceUnavailable) }
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
}
