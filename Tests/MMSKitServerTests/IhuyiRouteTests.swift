import Foundation
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
        let receiver = try await RunningReceiver.start(store: store)
        let reply = try await RawHTTPClient.request(
            "POST", route, port: receiver.port, headers: ["Content-Type": "application/json"], body: Data(body.utf8))
        #expect(reply.status == 200)
        #expect(reply.body == "success")
        let records = await store.records
        #expect(records.map(\.kind) == [kind])
        #expect(records.first?.provider == "ihuyi")
        try await receiver.stop()
    }

    @Test func storesAnArrayInOneCall() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let second = Self.receipt.replacingOccurrences(of: "13800138000", with: "13900139000")
        let reply = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts", port: receiver.port, body: Data("[\(Self.receipt),\(second)]".utf8))
        #expect(reply.body == "success")
        #expect(await store.batches.map { $0.map(\.phone) } == [["13800138000", "13900139000"]])
        try await receiver.stop()
    }

    @Test func answersSuccessToADuplicateAndLeavesDeduplicationToTheStore() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        for _ in 0..<2 {
            let reply = try await RawHTTPClient.request(
                "POST", "/ihuyi/receipts", port: receiver.port, body: Data(Self.receipt.utf8))
            #expect(reply.body == "success")
        }
        #expect(await store.batches.count == 2)
        #expect(await store.outcomes == [StoreOutcome(inserted: 1), StoreOutcome(duplicates: 1)])
        try await receiver.stop()
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
        let receiver = try await RunningReceiver.start(store: store, log: log)
        let reply = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts", port: receiver.port, body: Data(body.utf8))
        #expect(reply.status == 400)
        #expect(reply.body.contains(reason))
        #expect(reply.body.hasSuffix("\n") && reply.body.dropLast().allSatisfy { $0 != "\n" })
        #expect(await store.started == 0)
        #expect(log.messages.filter { $0.contains("(400)") }.count == 1)
        try await receiver.stop()
    }

    @Test func answersNotFoundForAnUnknownRouteOrMethod() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let other = try await RawHTTPClient.request(
            "POST", "/ihuyi/other", port: receiver.port, body: Data(Self.receipt.utf8))
        #expect(other.status == 404)
        #expect(other.body.contains("no route for POST /ihuyi/other: this receiver serves POST /ihuyi/receipts"))
        let get = try await RawHTTPClient.request("GET", "/ihuyi/receipts", port: receiver.port)
        #expect([404, 405].contains(get.status))
        #expect(get.body.contains("GET|POST /jpush/callback"))
        #expect(await store.started == 0)
        try await receiver.stop()
    }
}
