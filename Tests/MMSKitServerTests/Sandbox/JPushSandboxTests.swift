import Foundation
import MMSKit
import MMSKitProviders
import MMSKitSandbox
import MMSKitServer
import MMSKitTestSupport
import Testing

/// The sandbox's JSMS, driven by mmskit's own JPush client; callbacks go to a receiver that checks their
/// signature with the same app credentials.
@Suite struct JPushSandboxTests {
    static func apiCode(_ error: JPushError) -> Int? {
        if case .api(_, let code, _) = error { code } else { nil }
    }

    static func configuration(receiverPort: Int?) -> SandboxServer.Configuration {
        SandboxServer.Configuration(
            callbacks: CallbackURLs(base: receiverPort.map { URL(string: "http://127.0.0.1:\($0)")! }),
            speed: 1000, reviewDelay: .seconds(3600), receiptDelay: .zero)
    }

    @Test func balancesNeedTheirOwnCredentialsAndKeepNulls() async throws {
        let sandbox = try await RunningSandbox.start()
        let app = try await sandbox.jpush.appBalance()
        #expect(app.voice == nil)
        #expect(app.market == 1_000_000)
        let developer = try await sandbox.jpush.developerBalance()
        #expect(developer.balance == 9 && developer.voice == 702)
        let swapped = JPushClient(
            baseURL: sandbox.url, transport: HTTPClientTransport(), app: AcceptedCredentials.standard.jpush,
            developer: JPushDeveloperCredentials(devKey: "sandbox-app-key", devSecret: Secret("sandbox-master-secret")))
        do {
            _ = try await swapped.developerBalance()
            Issue.record("the app credentials opened the developer balance")
        } catch {
            #expect(Self.apiCode(error) == 50002)
        }
        try await sandbox.stop()
    }

    @Test func templatesGoThroughReviewAndOnlyRejectedOnesCanBeEdited() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(
            ReceiverConfiguration(jpush: AcceptedCredentials.standard.jpush), store: store)
        let sandbox = try await RunningSandbox.start(Self.configuration(receiverPort: receiver.port))
        let good = try await sandbox.jpush.createTemplate(JPushTemplateDraft(text: "新品 {{name}} 上市", type: .marketing))
        let bad = try await sandbox.jpush.createTemplate(JPushTemplateDraft(text: "违规 {{name}}", type: .marketing))
        // Not asserted "in review" here: the reviews end on their own after 3.6 s, which a loaded machine may have
        // spent already (refusesBatchesTheServiceRefuses asserts the pending state with a review that never ends).
        try await RunningSandbox.eventually("both reviews") {
            let pending = JPushTemplateStatus(rawValue: 0)
            let first = try await sandbox.jpush.template(id: bad).status
            let second = try await sandbox.jpush.template(id: good).status
            return first != pending && second != pending
        }
        #expect(try await sandbox.jpush.template(id: good).status == JPushTemplateStatus(rawValue: 1))
        #expect(try await sandbox.jpush.template(id: bad).status == JPushTemplateStatus(rawValue: 2))
        do {
            try await sandbox.jpush.updateTemplate(id: good, JPushTemplateDraft(text: "x {{name}}", type: .marketing))
            Issue.record("an approved template was edited")
        } catch {
            #expect(Self.apiCode(error) == 50047)
        }
        try await sandbox.jpush.updateTemplate(id: bad, JPushTemplateDraft(text: "新品 {{name}}", type: .marketing))
        // The results are pushed after the reviews end: wait for both to be stored.
        try await RunningSandbox.eventually("both SMS_TEMPLATE callbacks") {
            let reviews = await store.records.filter { $0.kind == .templateReview && $0.provider == .jpush }
            return Set(reviews.compactMap(\.templateID)) == [good, bad]
        }
        try await sandbox.jpush.deleteTemplate(id: good)
        await #expect(throws: JPushError.self) { try await sandbox.jpush.template(id: good) }
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func aBatchIsSentChargedAndReportedBySignedCallbacks() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(
            ReceiverConfiguration(jpush: AcceptedCredentials.standard.jpush), store: store)
        let sandbox = try await RunningSandbox.start(Self.configuration(receiverPort: receiver.port))
        let template = try await sandbox.jpush.createTemplate(
            JPushTemplateDraft(text: "您好 {{name}}", type: .notification))
        try await RunningSandbox.eventually("the review") {
            try await sandbox.jpush.template(id: template).status == JPushTemplateStatus(rawValue: 1)
        }
        var recipients = ["13900000001", "19900000002", "19900000005"].map {
            JPushBatch.Recipient(mobile: $0, parameters: ["name": "王"])
        }
        recipients.append(JPushBatch.Recipient(mobile: "12345", parameters: ["name": "x"]))
        let result = try await sandbox.jpush.sendBatch(JPushBatch(templateID: template, recipients: recipients))
        #expect(result.successCount == 3 && result.failureCount == 1)
        #expect(result.recipients.last?.errorCode == 50006)
        try await RunningSandbox.eventually("four callbacks (three reports, one reply)") {
            await store.records.filter { $0.provider == .jpush && $0.templateID == nil }.count == 4
        }
        let reports = await store.records.filter { $0.kind == .deliveryReceipt && $0.provider == .jpush }
        #expect(
            Dictionary(reports.map { ($0.phone ?? "", $0.code ?? "") }) { $1 } == [
                "13900000001": "4001", "19900000002": "4002", "19900000005": "4001",
            ])
        let replies = await store.records.filter { $0.kind == .reply && $0.provider == .jpush }
        #expect(replies.map(\.phone) == ["19900000005"])
        #expect(try await sandbox.jpush.appBalance().industry == 1_000_000 - 3)
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func refusesBatchesTheServiceRefuses() async throws {
        // A review that never ends by itself, however slow the machine: the test approves it through the control API.
        let sandbox = try await RunningSandbox.start(
            SandboxServer.Configuration(
                callbacks: CallbackURLs(base: nil), speed: 1, reviewDelay: .seconds(3600), receiptDelay: .zero))
        let template = try await sandbox.jpush.createTemplate(
            JPushTemplateDraft(text: "您好 {{name}}", type: .notification))
        func code(_ recipients: Int, template: Int) async -> Int? {
            let batch = JPushBatch(
                templateID: template,
                recipients: (0..<recipients).map { JPushBatch.Recipient(mobile: String(13_900_000_000 + $0)) })
            // The client refuses empty and oversized batches itself; ask the sandbox directly.
            var request = try! sandbox.jpush.batchRequest(
                JPushBatch(templateID: template, recipients: [.init(mobile: "13900000000")]))
            request.body = try! JSONEncoder().encode(batch)
            let response = try! await HTTPClientTransport().send(request)
            let envelope = try? JSONDecoder().decode(JPushClient.ErrorEnvelope.self, from: response.body)
            return envelope?.error.code
        }
        #expect(await code(1, template: template) == 50020)  // still in review
        let approval = try await HTTPClientTransport().send(
            HTTPRequest(
                method: .post, url: sandbox.url.appendingPathComponent("_sandbox/simulate/review"),
                headers: ["Content-Type": "application/json"],
                body: Data("{\"provider\":\"jpush\",\"template_id\":\(template),\"approve\":true}".utf8)))
        #expect(approval.status == 200)
        try await RunningSandbox.eventually("the review") {
            try await sandbox.jpush.template(id: template).status == JPushTemplateStatus(rawValue: 1)
        }
        #expect(await code(1001, template: template) == 50031)
        #expect(await code(0, template: template) == 50030)
        #expect(await code(1, template: 999) == 50013)
        // The client refuses 【】 itself; ask the sandbox directly.
        var create = try sandbox.jpush.batchRequest(
            JPushBatch(templateID: template, recipients: [.init(mobile: "13900000000")]))
        create.url = sandbox.url.appendingPathComponent("v1/templates")
        create.body = Data(#"{"template":"【签名】您好","type":2}"#.utf8)
        let refused = try await HTTPClientTransport().send(create)
        #expect(try JSONDecoder().decode(JPushClient.ErrorEnvelope.self, from: refused.body).error.code == 50052)
        let noAuth = JPushClient(
            baseURL: sandbox.url, transport: HTTPClientTransport(),
            app: JPushCredentials(appKey: "sandbox-app-key", masterSecret: Secret("wrong")), developer: nil)
        do {
            _ = try await noAuth.appBalance()
            Issue.record("a wrong master secret was accepted")
        } catch {
            #expect(Self.apiCode(error) == 50002)
        }
        try await sandbox.stop()
    }
}
