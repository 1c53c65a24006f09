import Foundation
import MMSKitServer
import Testing

/// A store that cannot commit: the provider is answered 503 (it will retry), never `success`, and the receiver
/// logs one line.
@Suite struct StoreFailureTests {
    @Test func answers503AndLogsOneLine() async throws {
        let store = RecordingStore()
        await store.fail()
        let log = CapturedLog()
        let receiver = try await RunningReceiver.start(store: store, log: log)
        let reply = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts", port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8))
        #expect(reply.status == 503)
        #expect(!reply.body.contains("success"))
        #expect(await store.records.isEmpty)
        let errors = log.messages.filter { $0.hasPrefix("error") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("disk full") == true)
        #expect(errors.first?.contains("\n") == false)
        try await receiver.stop()
    }
}
