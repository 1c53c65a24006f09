import Foundation
import Logging
import MMSKit
import MMSKitProviders
import MMSKitServer
import MMSKitStore
import MMSKitTestSupport
import Testing

/// A push holding U+0000 (NUL) in any field is refused with 400 naming the field, so the provider stops
/// retrying it, and it never reaches the store's group commit, where it failed the pushes sharing it.
@Suite struct NULPushTests {
    @Test(arguments: [
        (
            "/ihuyi/receipts", #"{"task_id":"T1","phone":"13800138000","code":"DELIVERED","message":"x\u0000y"}"#,
            "receipt: message holds a NUL character"
        ),
        (
            "/ihuyi/receipts",
            #"[{"task_id":"T1","phone":"13800138000","code":"DELIVERED"},{"task_id":"T\u0000","phone":"13800138001","code":"DELIVERED"}]"#,
            "receipt[1]: task_id holds a NUL character"
        ),
        (
            "/ihuyi/uplinks", #"{"phone":"13800138000","content":"T\u0000D","receive_time":"2024-01-02 10:01:00"}"#,
            "uplink: content holds a NUL character"
        ),
        (
            "/ihuyi/reviews", #"{"template_id":5,"code":"FAIL","message":"\u0000"}"#,
            "review: message holds a NUL character"
        ),
    ])
    func anIhuyiPushIsRefusedNamingTheField(route: String, body: String, expected: String) async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let reply = try await RawHTTPClient.request("POST", route, port: receiver.port, body: Data(body.utf8))
        #expect(reply.status == 400)
        #expect(reply.body.contains(expected), "\(reply.body)")
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    @Test func aJSMSCallbackIsRefusedNamingTheField() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(JPushCallbackTests.configuration, store: store)
        var inForm = JSMSForm()
        inForm.nonce = "58\u{0}3019"
        var inData = JSMSForm()
        inData.timestamp = String(Int(Date().timeIntervalSince1970 * 1000))
        inData.data = #"{"msgId":"1234567890","status":4001,"receiveTime":1700000000,"phone":"1380013\u0000"}"#
        for (callback, expected) in [
            (inForm, "the form's field nonce holds a NUL character (%00)"),
            (inData, "data: phone holds a NUL character"),
        ] {
            let reply = try await RawHTTPClient.request(
                "POST", "/jpush/callback", port: receiver.port, headers: JPushCallbackTests.form, body: callback.body())
            #expect(reply.status == 400)
            #expect(reply.body.contains(expected), "\(reply.body)")
        }
        #expect(await store.started == 0)
        try await receiver.stop()
    }

    /// Whatever a store refuses as a bad record (not a failure of the database) is a 400, not a 503 forever.
    @Test func aRecordTheStoreRefusesIsA400() async throws {
        let store = RecordingStore()
        await store.refuse(PushPayloadError("record 1 of 1 (receipt): its message holds a NUL character (U+0000)"))
        let receiver = try await RunningReceiver.start(store: store)
        let reply = try await RawHTTPClient.request(
            "POST", "/ihuyi/receipts", port: receiver.port, body: Data(IhuyiRouteTests.receipt.utf8))
        #expect(reply.status == 400)
        #expect(reply.body.contains("its message holds a NUL character"))
        try await receiver.stop()
    }

    enum Backend: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// The issue's case: one push with a NUL among many good ones posted at once; every good one is stored.
    @Test(arguments: Backend.allCases)
    func oneBadPushAmongManyOnARealStore(_ backend: Backend) async throws {
        let directory = try TemporaryDirectory("mmskit-nul")
        let store: any PushStore
        switch backend {
        case .sqlite:
            store = try SQLitePushStore(path: directory.appending("r.sqlite"))
        case .postgres:
            guard let location = try await PostgresTestServer.freshDatabase() else { return }
            store = try await PostgresPushStore(location: location, logger: Logger(label: "test"))
        }
        let receiver = try await RunningReceiver.start(store: store)
        let statuses = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<101 {
                let message = index == 50 ? #"x\u0000y"# : "ok"
                let body =
                    #"{"task_id":"T1","phone":"\#(13_800_000_000 + index)","code":"DELIVERED","message":"\#(message)"}"#
                group.addTask {
                    (
                        index,
                        try await RawHTTPClient.request(
                            "POST", "/ihuyi/receipts", port: receiver.port, body: Data(body.utf8)
                        ).status
                    )
                }
            }
            var statuses: [Int: Int] = [:]
            for try await (index, status) in group { statuses[index] = status }
            return statuses
        }
        for (index, status) in statuses { #expect(status == (index == 50 ? 400 : 200), "\(index)") }
        #expect(try await store.statistics(task: nil).tasks.first?.receipts == 100)
        try await receiver.stop()
    }
}
