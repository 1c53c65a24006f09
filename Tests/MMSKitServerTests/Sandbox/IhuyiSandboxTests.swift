import Foundation
import MMSKit
import MMSKitProviders
import MMSKitSandbox
import MMSKitServer
import MMSKitStore
import MMSKitTestSupport
import Testing

/// The sandbox's ihuyi, driven by mmskit's own ihuyi client, with a receiver on 127.0.0.1 taking its pushes.
@Suite struct IhuyiSandboxTests {
    /// speed 1000: the review delay of an hour is 3.6 s, long enough to see a template in review.
    static func configuration(receiverPort: Int?) -> SandboxServer.Configuration {
        SandboxServer.Configuration(
            callbacks: CallbackURLs(base: receiverPort.map { URL(string: "http://127.0.0.1:\($0)")! }),
            speed: 1000, reviewDelay: .seconds(3600), receiptDelay: .zero, pushBatchSize: 7)
    }

    @Test func refusesABadSignatureAStaleTimestampAndAnUnknownAccount() async throws {
        let sandbox = try await RunningSandbox.start()
        let wrongKey = IhuyiCredentials(apiID: "sandbox", apiKey: Secret("not-the-key"))
        await #expect(throws: IhuyiError.self) { try await sandbox.ihuyi(credentials: wrongKey).balance() }
        do {
            _ = try await sandbox.ihuyi(credentials: wrongKey).balance()
        } catch {
            #expect(error.code == "405")
        }
        let stale = sandbox.ihuyi(
            credentials: AcceptedCredentials.standard.ihuyi, now: { Date().addingTimeInterval(-120) })
        do {
            _ = try await stale.balance()
            Issue.record("a timestamp 120 s old was accepted")
        } catch {
            #expect(error.code == "4002")
            #expect(error.hint?.contains("clock") == true)
        }
        let unknown = IhuyiCredentials(apiID: "someone", apiKey: Secret("sandbox-api-key"))
        await #expect(throws: IhuyiError.self) { try await sandbox.ihuyi(credentials: unknown).balance() }
        #expect(try await sandbox.ihuyi.balance().map(\.productID) == [1001, 1018])
        try await sandbox.stop()
    }

    @Test func aRepeatedRequestIDGetsTheOriginalTaskAndSendsNothing() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let sandbox = try await RunningSandbox.start(Self.configuration(receiverPort: receiver.port))
        let batch = IhuyiBatch(
            productID: 1018, message: .content(try RunningSandbox.promo(), title: "新品", signName: "【互亿无线】"))
        let phones = RunningSandbox.phones(20)
        let first = try await sandbox.ihuyi.sendBatch(batch, to: phones, requestID: "request-1")
        let again = try await sandbox.ihuyi.sendBatch(batch, to: phones, requestID: "request-1")
        #expect(first == again)
        let other = try await sandbox.ihuyi.sendBatch(batch, to: phones, requestID: "request-2")
        #expect(other != first)
        try await sandbox.settle()
        let balance = try await sandbox.ihuyi.balance().first { $0.productID == 1018 }?.balance
        #expect(balance == Double(188_888 - 40))
        let receipts = await store.records.filter { $0.kind == .deliveryReceipt }
        #expect(receipts.count == 40)
        #expect(Set(receipts.compactMap(\.taskID)) == [first, other])
        #expect(receipts.allSatisfy { $0.code == "DELIVERED" })
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func refusesWhatTheServiceWouldRefuse() async throws {
        let sandbox = try await RunningSandbox.start()
        let content = try RunningSandbox.promo()
        func code(_ batch: IhuyiBatch, _ phones: [PhoneNumber]) async -> String? {
            do {
                _ = try await sandbox.ihuyi.sendBatch(batch, to: phones, requestID: UUID().uuidString)
                return "OK"
            } catch {
                return error.code
            }
        }
        let good = IhuyiBatch(productID: 1001, message: .content(content, title: "新品", signName: "【互亿无线】"))
        #expect(await code(good, RunningSandbox.phones(10_001)) == "4060")
        #expect(
            await code(
                IhuyiBatch(productID: 1001, message: .content(content, title: "新品", signName: "")),
                RunningSandbox.phones(1))
                == "4070")
        #expect(
            await code(IhuyiBatch(productID: 1001, message: .template(id: 4242)), RunningSandbox.phones(1)) == "4091")
        #expect(await code(IhuyiBatch(productID: 77, message: good.message), RunningSandbox.phones(1)) == "4050")
        let noOptOut = MMSContent(frames: [Frame(text: " ")])
        #expect(
            await code(
                IhuyiBatch(productID: 1001, message: .content(noOptOut, title: "新品", signName: "【互亿无线】")),
                RunningSandbox.phones(1))
                == "4001")
        #expect(await code(good, RunningSandbox.phones(10_000)) == "OK")
        try await sandbox.stop()
    }

    @Test func reviewsATemplateAfterTheDelayAndPushesTheResult() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        let sandbox = try await RunningSandbox.start(Self.configuration(receiverPort: receiver.port))
        let fields = TemplateFields(title: "新品", signName: "【互亿无线】", purpose: "新品推广")
        let good = try await sandbox.ihuyi.createTemplate(fields: fields, content: try RunningSandbox.promo())
        let bad = try await sandbox.ihuyi.createTemplate(
            fields: fields, content: MMSContent(frames: [Frame(text: " ")]))
        // Sending with a template still in review is refused.
        do {
            _ = try await sandbox.ihuyi.sendBatch(
                IhuyiBatch(productID: 1001, message: .template(id: good)), to: RunningSandbox.phones(1),
                requestID: UUID().uuidString)
            Issue.record("a template in review was usable")
        } catch {
            #expect(error.code == "4092")
        }
        try await RunningSandbox.eventually("both review pushes") {
            await store.records.filter { $0.kind == .templateReview }.count == 2
        }
        let reviews = await store.records.filter { $0.kind == .templateReview }
        #expect(reviews.first { $0.templateID == good }?.code == "SUCCESS")
        let rejected = reviews.first { $0.templateID == bad }
        #expect(rejected?.code == "FAIL")
        #expect(rejected?.message?.isEmpty == false)
        let task = try await sandbox.ihuyi.sendBatch(
            IhuyiBatch(productID: 1001, message: .template(id: good)), to: RunningSandbox.phones(3),
            requestID: UUID().uuidString)
        #expect(task.hasPrefix("mms"))
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func reservedNumbersGetTheirOutcomeAndTheReplierReplies() async throws {
        let store = RecordingStore()
        let receiver = try await RunningReceiver.start(store: store)
        var configuration = Self.configuration(receiverPort: receiver.port)
        configuration.speed = 100  // the late receipt comes 30 s / 100 later
        let sandbox = try await RunningSandbox.start(configuration)
        let phones = try ["19900000000", "19900000001", "19900000002", "19900000003", "19900000004", "19900000005"]
            .map { try PhoneNumber($0) }
        let batch = IhuyiBatch(
            productID: 1001, message: .content(try RunningSandbox.promo(), title: "新品", signName: "【互亿无线】"))
        _ = try await sandbox.ihuyi.sendBatch(batch, to: phones, requestID: UUID().uuidString)
        try await RunningSandbox.eventually("the late receipt and the reply") {
            await store.records.count == 7
        }
        let codes = Dictionary(
            await store.records.filter { $0.kind == .deliveryReceipt }.map { ($0.phone ?? "", $0.code ?? "") }
        ) { $1 }
        #expect(
            codes == [
                "19900000000": "DELIVERED", "19900000001": "MK:0001", "19900000002": "DB:0141",
                "19900000003": "MI:0013", "19900000004": "DELIVERED", "19900000005": "DELIVERED",
            ])
        let uplinks = await store.records.filter { $0.kind == .reply }
        #expect(uplinks.map(\.phone) == ["19900000005"])
        #expect(uplinks.first?.message == "T")
        try await sandbox.stop()
        try await receiver.stop()
    }

    @Test func theFailRateIsDeterministicForASeed() {
        let phones = (0..<10_000).map { String(format: "139%08d", $0) }
        func failures(seed: UInt64) -> [String] {
            phones.filter { ScriptedNumbers.outcome(of: $0, task: "mms1", failRate: 0.1, seed: seed) == .failed }
        }
        let first = failures(seed: 7)
        #expect(first == failures(seed: 7))
        #expect(first != failures(seed: 8))
        #expect((900...1100).contains(first.count))
        #expect(ScriptedNumbers.outcome(of: "19900000001", task: "mms1", failRate: 1, seed: 7) == .invalid)
        #expect(ScriptedNumbers.outcome(of: "19900000042", task: "mms1", failRate: 1, seed: 7) == .delivered)
    }
}

/// The sandbox decides nothing of its own about delivery: what it pushes reads back, through each provider's
/// parser, as the outcome its scripted numbers promise.
@Suite struct ScriptedOutcomeTests {
    @Test(arguments: ScriptedNumbers.Outcome.allCases)
    func eachProvidersParserReadsTheScriptedOutcome(_ outcome: ScriptedNumbers.Outcome) {
        let expected: PushOutcome = outcome.isDelivered ? .delivered : .failed
        #expect(IhuyiDeliveryReceipt.outcome(of: outcome.ihuyiCode.code) == expected)
        #expect(JPushReport.outcome(of: String(outcome.jpushStatus)) == expected)
    }
}
