import Foundation
import MMSKit
import MMSKitProviders
import MMSKitServer
import MMSKitTestSupport
import Testing

/// `/_sandbox/…`: what a handset or a reviewer does, the faults in force, and the read-only inspector.
@Suite struct SandboxControlTests {
    static func call(
        _ sandbox: RunningSandbox, _ method: HTTPRequest.Method, _ path: String, json: Any? = nil
    )
        async throws -> HTTPResponse
    {
        try await HTTPClientTransport().send(
            HTTPRequest(
                method: method, url: sandbox.url.appendingPathComponent(path),
                headers: ["Content-Type": "application/json"],
                body: try json.map { try JSONSerialization.data(withJSONObject: $0) }))
    }

    @Test func aSimulatedReplyAndReviewArePushedNow() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(
            ReceiverConfiguration(jpush: SandboxAccounts.standard.jpush), store: store)
        let sandbox = try await RunningSandbox.start(
            SandboxConfiguration(
                callbacks: SandboxCallbacks(base: URL(string: "http://127.0.0.1:\(receiver.port)")!),
                reviewDelay: .seconds(3600)))
        let template = try await sandbox.ihuyi.createTemplate(
            fields: TemplateFields(title: "t", signName: "【互亿无线】", purpose: "p"), content: try RunningSandbox.promo())
        let reviewed = try await Self.call(
            sandbox, .post, "_sandbox/simulate/review",
            json: ["template_id": template, "approve": false, "message": "图片不清晰"])
        #expect(reviewed.status == 200)
        let replied = try await Self.call(
            sandbox, .post, "_sandbox/simulate/uplink", json: ["phone": "13900000009", "content": "TD"])
        #expect(replied.status == 200)
        let jsmsReply = try await Self.call(
            sandbox, .post, "_sandbox/simulate/uplink",
            json: ["phone": "13900000008", "content": "T", "provider": "jpush"])
        #expect(jsmsReply.status == 200)
        try await RunningSandbox.eventually("three pushes") { await store.records.count == 3 }
        let records = await store.records
        #expect(
            records.contains {
                $0.kind == .review && $0.templateID == template && $0.code == "FAIL" && $0.message == "图片不清晰"
            })
        #expect(records.contains { $0.kind == .uplink && $0.phone == "13900000009" && $0.message == "TD" })
        #expect(records.contains { $0.kind == .jpush && $0.phone == "13900000008" && $0.message == "T" })
        #expect(await sandbox.server.state.ihuyi.templates[template]?.status == "FAIL")
        let unknown = try await Self.call(
            sandbox, .post, "_sandbox/simulate/review", json: ["template_id": 999, "approve": true])
        #expect(unknown.status == 404)
        let malformed = try await Self.call(sandbox, .post, "_sandbox/simulate/review", json: ["approve": true])
        #expect(malformed.status == 400)
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func faultsCanBeSetReadAndCleared() async throws {
        let sandbox = try await RunningSandbox.start()
        let set = try await Self.call(
            sandbox, .put, "_sandbox/faults",
            json: [
                ["provider": "ihuyi", "route": "/mms/v1/balance", "kind": "unavailable", "probability": 1, "times": 1]
            ])
        #expect(set.status == 200)
        let faults = try JSONDecoder().decode(
            [SandboxFault].self, from: try await Self.call(sandbox, .get, "_sandbox/faults").body)
        #expect(faults == [SandboxFault(provider: "ihuyi", route: "/mms/v1/balance", kind: .unavailable, times: 1)])
        await #expect(throws: IhuyiError.self) { try await sandbox.ihuyi.balance() }
        #expect(try await sandbox.ihuyi.balance().count == 2)  // spent after one hit
        _ = try await Self.call(sandbox, .put, "_sandbox/faults", json: [["kind": "unavailable", "probability": 1]])
        #expect(try await Self.call(sandbox, .delete, "_sandbox/faults").status == 200)
        #expect(try await sandbox.ihuyi.balance().count == 2)
        #expect(try await Self.call(sandbox, .put, "_sandbox/faults", json: ["kind": "nonsense"]).status == 400)
        try await sandbox.stop()
    }

    @Test func theInspectorShowsTheStateEscapedUnderACSP() async throws {
        let sandbox = try await RunningSandbox.start()
        _ = try await sandbox.ihuyi.createTemplate(
            fields: TemplateFields(title: "<script>alert(1)</script>", signName: "【互亿无线】", purpose: "p"),
            content: try RunningSandbox.promo())
        let page = String(decoding: try await Self.call(sandbox, .get, "_sandbox").body, as: UTF8.self)
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("<script>"))
        #expect(page.contains("营销彩信-通用") && page.contains("sandbox-email-1"))
        let state = try JSONSerialization.jsonObject(with: try await Self.call(sandbox, .get, "_sandbox/state").body)
        #expect((state as? [String: Any])?["outstanding"] as? Int == 0)
        try await sandbox.stop()
    }
}
