import Foundation
import Hummingbird
import Logging
import MMSKit
import Testing

@testable import MMSKitServer

/// A body that keeps trickling is cut off at the deadline: driven through the endpoint with a body whose chunks
/// the test times itself, so the outcome does not depend on how busy the machine is.
@Suite struct BodyDeadlineTests {
    static func request(_ chunks: [String], pause: Duration) -> Request {
        let (stream, continuation) = AsyncStream.makeStream(of: ByteBuffer.self)
        Task {
            for (index, chunk) in chunks.enumerated() {
                if index > 0 { try? await Task.sleep(for: pause) }
                continuation.yield(ByteBuffer(string: chunk))
            }
            continuation.finish()
        }
        return Request(
            head: .init(method: .post, scheme: "http", authority: "127.0.0.1", path: "/ihuyi/receipts"),
            body: RequestBody(asyncSequence: stream))
    }

    static func endpoints(_ store: RecordingStore, deadline: Duration = .milliseconds(300)) -> PushEndpoints {
        var configuration = ReceiverConfiguration()
        configuration.bodyDeadline = deadline
        return PushEndpoints(
            store: store, configuration: configuration, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    static let halves: [String] = {
        let receipt = IhuyiRouteTests.receipt
        let middle = receipt.index(receipt.startIndex, offsetBy: receipt.count / 2)
        return [String(receipt[..<middle]), String(receipt[middle...])]
    }()

    /// (`ConnectionClosingTests` shows the connection closed after the 408, on a socket.)
    @Test func aBodyStillArrivingAfterTheDeadlineIsAnswered408AndNothingStored() async throws {
        let store = RecordingStore()
        let response = try await Self.endpoints(store).ihuyi(
            .deliveryReceipt, request: Self.request(Self.halves, pause: .milliseconds(600)))
        #expect(response.status == .requestTimeout)
        #expect(await store.started == 0)
    }

    @Test func aBodyInPartsWithinTheDeadlineIsStored() async throws {
        let store = RecordingStore()
        // A generous deadline: on a loaded machine even back-to-back chunks can be far apart.
        let response = try await Self.endpoints(store, deadline: .seconds(300)).ihuyi(
            .deliveryReceipt, request: Self.request(Self.halves, pause: .zero))
        #expect(response.status == .ok)
        #expect(await store.records.count == 1)
    }
}
