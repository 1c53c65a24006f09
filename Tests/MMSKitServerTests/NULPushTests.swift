import Foundation
import Hummingbird
import HummingbirdTesting
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
        try await ReceiverRoutes.test(store: store) { client in
            let reply = try await client.execute(uri: route, method: .post, body: ByteBuffer(string: body))
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains(expected), "\(reply.text)")
        }
        #expect(await store.started == 0)
    }

    @Test func aJSMSCallbackIsRefusedNamingTheField() async throws {
        let store = RecordingStore()
        var inForm = JSMSForm()
        inForm.nonce = "58\u{0}3019"
        var inData = JSMSForm()
        inData.timestamp = String(Int(Date().timeIntervalSince1970 * 1000))
        inData.data = #"{"msgId":"1234567890","status":4001,"receiveTime":1700000000,"phone":"1380013\u0000"}"#
        try await ReceiverRoutes.test(JPushCallbackTests.configuration, store: store) { [inForm, inData] client in
            for (callback, expected) in [
                (inForm, "the form's field nonce holds a NUL character (%00)"),
                (inData, "data: phone holds a NUL character"),
            ] {
                let reply = try await client.execute(
                    uri: "/jpush/callback", method: .post, headers: JPushCallbackTests.form,
                    body: ByteBuffer(bytes: callback.body()))
                #expect(reply.status == .badRequest)
                #expect(reply.text.contains(expected), "\(reply.text)")
            }
        }
        #expect(await store.started == 0)
    }

    /// Whatever a store refuses as a bad record (not a failure of the database) is a 400, not a 503 forever.
    @Test func aRecordTheStoreRefusesIsA400() async throws {
        let store = RecordingStore()
        await store.refuse(PushPayloadError("record 1 of 1 (receipt): its message holds a NUL character (U+0000)"))
        try await ReceiverRoutes.test(store: store) { client in
            let reply = try await client.execute(
                uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: IhuyiRouteTests.receipt))
            #expect(reply.status == .badRequest)
            #expect(reply.text.contains("its message holds a NUL character"))
        }
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
        try await ReceiverRoutes.test(store: store) { client in
            let statuses = try await withThrowingTaskGroup(of: (Int, HTTPResponse.Status).self) { group in
                for index in 0..<101 {
                    let message = index == 50 ? #"x\u0000y"# : "ok"
                    let body =
                        #"{"task_id":"T1","phone":"\#(13_800_000_000 + index)","code":"DELIVERED","message":"\#(message)"}"#
                    group.addTask {
                        (
                            index,
                            try await client.execute(
                                uri: "/ihuyi/receipts", method: .post, body: ByteBuffer(string: body)
                            ).status
                        )
                    }
                }
                var statuses: [Int: HTTPResponse.Status] = [:]
                for try await (index, status) in group { statuses[index] = status }
                return statuses
            }
            for (index, status) in statuses { #expect(status == (index == 50 ? .badRequest : .ok), "\(index)") }
            #expect(try await store.statistics(task: nil).tasks.first?.receipts == 100)
        }
    }
}
