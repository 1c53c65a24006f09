import Foundation
import MMSKit
import MMSKitProviders
import MMSKitSandbox
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
        try await call(sandbox, method, path, body: try json.map { try JSONSerialization.data(withJSONObject: $0) })
    }

    static func call(
        _ sandbox: RunningSandbox, _ method: HTTPRequest.Method, _ path: String, body: Data?
    )
        async throws -> HTTPResponse
    {
        try await HTTPClientTransport().send(
            HTTPRequest(
                method: method, url: sandbox.url.appendingPathComponent(path),
                headers: ["Content-Type": "application/json"], body: body))
    }

    @Test func aSimulatedReplyAndReviewArePushedNow() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(
            ReceiverConfiguration(jpush: AcceptedCredentials.standard.jpush), store: store)
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: URL(string: "http://127.0.0.1:\(receiver.port)")!),
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
                $0.kind == .templateReview && $0.templateID == template && $0.code == "FAIL" && $0.message == "图片不清晰"
            })
        #expect(
            records.contains {
                $0.kind == .reply && $0.provider == .ihuyi && $0.phone == "13900000009" && $0.message == "TD"
            })
        #expect(
            records.contains {
                $0.kind == .reply && $0.provider == .jpush && $0.phone == "13900000008" && $0.message == "T"
            })
        #expect(await sandbox.server.ledger.ihuyi.templates[template]?.status == "FAIL")
        let unknown = try await Self.call(
            sandbox, .post, "_sandbox/simulate/review", json: ["template_id": 999, "approve": true])
        #expect(unknown.status == 404)
        let malformed = try await Self.call(sandbox, .post, "_sandbox/simulate/review", json: ["approve": true])
        #expect(malformed.status == 400)
        try await sandbox.stop()
        try await receiver.stop()
    }

    /// Only ihuyi and JSMS push uplinks and reviews: a simulation naming another provider is refused by name
    /// instead of being played as ihuyi's.
    @Test func aSimulationOfAProviderWithoutPushesIsRefusedByName() async throws {
        let sandbox = try await RunningSandbox.start()
        let uplink = try await Self.call(
            sandbox, .post, "_sandbox/simulate/uplink",
            json: ["phone": "13900000009", "content": "TD", "provider": "sendpulse"])
        let review = try await Self.call(
            sandbox, .post, "_sandbox/simulate/review",
            json: ["template_id": 999, "approve": true, "provider": "itniotech"])
        for (answer, provider) in [(uplink, "sendpulse"), (review, "itniotech")] {
            #expect(answer.status == 400)
            let error = try JSONDecoder().decode([String: String].self, from: answer.body)["error"] ?? ""
            #expect(error.contains("provider '\(provider)'") && error.contains("ihuyi") && error.contains("jpush"))
        }
        try await sandbox.stop()
    }

    /// A provider is named in any letter case, as `--provider` takes it; `/_sandbox/state` writes the id as
    /// before, in its faults and its tasks.
    @Test func theStateNamesProvidersByTheirIDs() async throws {
        let sandbox = try await RunningSandbox.start()
        let set = try await Self.call(
            sandbox, .put, "_sandbox/faults", json: [["provider": "JPush", "kind": "unavailable", "probability": 0]])
        #expect(set.status == 200)
        #expect(try FaultRule(parsing: "IHUYI:*:reset:0").provider == .ihuyi)
        let batch = IhuyiBatch(
            productID: 1018, message: .content(try RunningSandbox.promo(), title: "新品", signName: "【互亿无线】"))
        let task = try await sandbox.ihuyi.sendBatch(batch, to: RunningSandbox.phones(2), requestID: "request-1")
        let state = String(decoding: try await Self.call(sandbox, .get, "_sandbox/state").body, as: UTF8.self)
        #expect(state.contains(#""provider":"jpush""#), "\(state)")
        #expect(state.contains(#""\#(task)":{"#) && state.contains(#""provider":"ihuyi""#), "\(state)")
        try await sandbox.stop()
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
            [FaultRule].self, from: try await Self.call(sandbox, .get, "_sandbox/faults").body)
        #expect(
            faults == [try FaultRule(provider: "ihuyi", route: "/mms/v1/balance", kind: .unavailable, times: 1)])
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

    /// JSMS signs each callback with the current time, so a callback retried after the receiver's clock-skew
    /// window is signed anew and taken (a retry carrying its first timestamp would be refused as stale).
    @Test func aRetriedJSMSCallbackIsSignedWithTheTimeOfItsTry() async throws {
        let store = RecordingStore()
        var configuration = ReceiverConfiguration(jpush: AcceptedCredentials.standard.jpush)
        configuration.jsmsClockSkew = .seconds(5)
        let receiver = try await RunningReceiver.start(configuration, store: store)
        // JSMS's first retry comes 3 min later: 18 s at this speed, well beyond the receiver's 5 s window, which a
        // callback signed at the time of its try still meets on a loaded machine.
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: URL(string: "http://127.0.0.1:\(receiver.port)")!), speed: 10))
        await store.fail()
        let replied = try await Self.call(
            sandbox, .post, "_sandbox/simulate/uplink",
            json: ["phone": "13900000008", "content": "T", "provider": "jpush"])
        #expect(replied.status == 200)
        await store.waitUntilStarted(1)
        await store.fail(false)
        try await RunningSandbox.eventually("the retried callback stored", seconds: 120) {
            await store.records.count == 1
        }
        // The sandbox logs an attempt once its answer is read, which may come after the receiver stored it.
        try await RunningSandbox.eventually("the retry's answer logged", seconds: 120) {
            let attempts = try await sandbox.state()["attempts"] as? [[String: Any]] ?? []
            return attempts.contains { $0["status"] as? Int == 200 }
        }
        let attempts = try await sandbox.state()["attempts"] as? [[String: Any]] ?? []
        #expect(attempts.map { $0["status"] as? Int } == [503, 200], "\(attempts)")
        try await sandbox.stop()
        try await receiver.stop()
    }

    /// Every time in `/_sandbox/state` is ISO 8601 in UTC (as `receipts list --json` writes them), not
    /// Foundation's seconds since 2001.
    @Test func theStateGivesTimesInISO8601() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: URL(string: "http://127.0.0.1:\(receiver.port)")!),
                reviewDelay: .seconds(3600)))
        _ = try await sandbox.ihuyi.createTemplate(
            fields: TemplateFields(title: "t", signName: "【互亿无线】", purpose: "p"), content: try RunningSandbox.promo())
        _ = try await Self.call(
            sandbox, .post, "_sandbox/simulate/uplink", json: ["phone": "13900000009", "content": "TD"])
        try await RunningSandbox.eventually("the uplink pushed") { await store.records.count == 1 }
        try await sandbox.settle()
        let state = try JSONSerialization.jsonObject(with: try await Self.call(sandbox, .get, "_sandbox/state").body)
        var times: [String: Any] = [:]
        func collect(_ value: Any, at path: String) {
            if let object = value as? [String: Any] {
                for (key, inner) in object {
                    if ["created", "time"].contains(key) { times[path + "." + key] = inner }
                    collect(inner, at: path + "." + key)
                }
            } else if let array = value as? [Any] {
                for (index, inner) in array.enumerated() { collect(inner, at: "\(path)[\(index)]") }
            }
        }
        collect(state, at: "state")
        #expect(times.keys.contains { $0.hasPrefix("state.accounts.ihuyi.templates") }, "\(times)")
        #expect(times.keys.contains { $0.hasPrefix("state.attempts") }, "\(times)")
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for (path, value) in times {
            let date = (value as? String).flatMap { try? style.parse($0) }
            #expect(date.map { abs($0.timeIntervalSinceNow) < 86_400 } == true, "\(path) is \(value)")
        }
        try await sandbox.stop()
        try await receiver.stop()
    }
}
