import Foundation
import Hummingbird
import HummingbirdTesting
import MMSKit
import MMSKitProviders
import MMSKitServer
import MMSKitStore
import Testing

/// The three ihuyi routes: one object or an array, answered exactly `success` once stored; bad bodies 400 with
/// nothing stored.
@Suite struct IhuyiRouteTests {
    static let receipt =
        #"{"task_id":"T1","phone":"13800138000","code":"DELIVERED","message":"ok","send_time":"2024-01-02 10:00:00","report_time":"2024-01-02 10:00:05"}"#
    static let uplink =
        #"{"task_id":"T1","phone":"13800138000","content":"TD","dest_code":"01","send_time":"2024-01-02 10:00:00","receive_time":"2024-01-02 10:01:00"}"#
    static let review = #"{"template_id":42,"code":"SUCCESS","message":"approved"}"#

    @Test(arguments: [
        ("/ihuyi/receipts", receipt, PushKind.deliveryReceipt), ("/ihuyi/uplinks", uplink, .reply),
        ("/ihuyi/reviews", review, .templateReview),
    ])
    func storesOneObject(route: String, body: String, kind: PushKind) async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(store: store) { client in
            let reply = try await client.execute(
                uri: route, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
            #expect(reply.status == .ok)
            #expect(reply.text == "success")
        }
        let records = await store.records
        #expect(records.map(\.kind) == [kind])
        #expect(records.first?.provider == "ihuyi")
    }

    @Test func storesAnArrayInOneCall() async throws {
        let store = RecordingStore()
        let second = Self.receipt.replacingOccurrences(of: "13800138000", with: "13900139000")
        try await ReceiverRoutes.test(store: store) { client in
            let reply = try await client.execute(
                uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: "[\(Self.receipt),\(second)]"))
            #expect(reply.text == "success")
        }
        #expect(await store.batches.map { $0.map(\.phone) } == [["13800138000", "13900139000"]])
    }

    @Test func answersSuccessToADuplicateAndLeavesDeduplicationToTheStore() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(store: store) { client in
            for _ in 0..<2 {
                let reply = try await client.execute(
                    uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: Self.receipt))
                #expect(reply.text == "success")
            }
        }
        #expect(await store.batches.count == 2)
        #expect(await store.outcomes == [StoreOutcome(inserted: 1), StoreOutcome(duplicates: 1)])
    }

    @Test(arguments: [
        ("{\"task_id\":", "not JSON"),
        ("\"DELIVERED\"", "send one receipt object"),
        (#"{"phone":"13800138000","code":"DELIVERED"}"#, "task_id is missing"),
        (#"{"task_id":"T1","phone":true,"code":"DELIVERED"}"#, "phone must be text"),
        ("[\(receipt),{\"task_id\":\"T2\"}]", "receipt[1]: phone is missing"),
        ("[]", "no receipt"),
    ])
    func refusesABadBodyAndStoresNothing(body: String, reason: String) async throws {
        let store = RecordingStore()
        let log = CapturedLog()
        try await ReceiverRoutes.test(store: store, log: log) { client in
            let reply = try await client.execute(uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: body))
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains(reason))
            #expect(reply.text.hasSuffix("\n") && reply.text.dropLast().allSatisfy { $0 != "\n" })
        }
        #expect(await store.started == 0)
        #expect(log.messages.filter { $0.contains("(400)") }.count == 1)
    }

    @Test func answersNotFoundForAnUnknownRouteOrMethod() async throws {
        let store = RecordingStore()
        try await ReceiverRoutes.test(store: store) { client in
            let other = try await client.execute(
                uri: "/ihuyi/other", method: .post, body: ByteBuffer(string: Self.receipt))
            #expect(other.status == .notFound)
            #expect(other.text.contains("no route for POST /ihuyi/other: this receiver serves POST /ihuyi/receipts"))
            let get = try await client.execute(uri: "/ihuyi/receipts", method: .get)
            #expect([.notFound, .methodNotAllowed].contains(get.status))
            #expect(get.text.contains("GET|POST /jpush/callback"))
        }
        #expect(await store.started == 0)
    }
}
