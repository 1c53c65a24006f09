import Hummingbird
import HummingbirdTesting
import MMSKitServer
import MMSKitStore

/// The receiver's application (`ReceiptReceiver.buildApplication()`) driven through HummingbirdTesting:
/// `.router` sends each request straight to the routes and their middleware, with no socket, while the
/// application's services run around the test (the store is closed when it returns); `.live` serves it on a
/// loopback port for what needs the wire.
enum ReceiverRoutes {
    static func test<Value>(
        _ configuration: ReceiverConfiguration = ReceiverConfiguration(), store: any PushStore,
        log: CapturedLog = CapturedLog(), over setup: TestingSetup = .router,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let receiver = ReceiptReceiver(configuration: configuration, store: store, logger: log.logger())
        return try await receiver.buildApplication().test(setup, body)
    }
}

extension TestResponse {
    /// The body as UTF-8 text.
    var text: String { String(buffer: body) }
}
