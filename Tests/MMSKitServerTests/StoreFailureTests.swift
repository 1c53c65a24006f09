import Hummingbird
import HummingbirdTesting
import MMSKitServer
import Testing

/// A store that cannot commit: the provider is answered 503 (it will retry), never `success`, and the receiver
/// logs one line.
@Suite struct StoreFailureTests {
    @Test func answers503AndLogsOneLine() async throws {
        let store = RecordingStore()
        await store.fail()
        let log = CapturedLog()
        try await ReceiverRoutes.test(store: store, log: log) { client in
            let reply = try await client.execute(
                uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: IhuyiRouteTests.receipt))
            #expect(reply.status == .serviceUnavailable)
            #expect(!reply.text.contains("success"))
        }
        #expect(await store.records.isEmpty)
        let errors = log.messages.filter { $0.hasPrefix("error") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("disk full") == true)
        #expect(errors.first?.contains("\n") == false)
    }
}
