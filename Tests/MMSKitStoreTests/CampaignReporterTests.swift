import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

@testable import MMSKitReports

/// The campaign report's figures, from a journal, its phone list and a store written as the receiver writes
/// one, on SQLite and on a real PostgreSQL: every count of the funnel, failures by code, delivery times, chunk
/// rows, replies and opt-outs, and what the report says when the list or the store is missing.
@Suite struct CampaignReporterTests {
    /// Ten lines: 8 distinct valid numbers (…01 to …08), a duplicate and an invalid line.
    static let listText =
        "13800000001\n13800000002\n13800000002\nbogus\n13800000003\n13800000004\n13800000005\n13800000006\n13800000007\n13800000008\n"

    @Test(arguments: StoreBackend.allCases)
    func everyCountOfAnIhuyiCampaignComesFromItsJournalListAndStore(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data(Self.listText.utf8).write(to: URL(fileURLWithPath: phones))
        let created = Date().addingTimeInterval(-3_600)
        let journal = try Self.journal(
            in: directory, provider: .ihuyi, phones: phones, chunkSize: 3, created: created,
            chunks: [
                SendJournal.Chunk(
                    index: 0, state: .acknowledged, requestID: "r0", first: 0, count: 3, taskID: "T1", accepted: 2,
                    rejected: 0, at: created, suppressed: ["13800000002"]),
                .init(
                    index: 1, state: .acknowledged, requestID: "r1", first: 3, count: 3, taskID: "T2", accepted: 2,
                    rejected: 1, at: created,
                    rejections: [RejectedRecipient(mobile: "13800000006", reason: "50006: invalid mobile")]),
                .init(
                    index: 2, state: .failed, requestID: "r2", first: 6, count: 2, error: "refused: no balance",
                    at: created),
            ])
        let receipts: [PushRecord] = [
            Self.receipt(
                task: "T1", phone: "13800000001", sent: "2025-05-01 10:00:00", reported: "2025-05-01 10:00:30"),
            Self.receipt(
                task: "T1", phone: "13800000003", code: "MK:0001", sent: "2025-05-01 10:00:00",
                reported: "2025-05-01 10:01:10"),
            Self.receipt(
                task: "T2", phone: "13800000004", sent: "2025-05-01 10:00:00", reported: "2025-05-01 10:02:00"),
            // Another campaign's task: not this one's.
            Self.receipt(
                task: "T9", phone: "13800000001", sent: "2025-05-01 10:00:00", reported: "2025-05-01 10:00:05"),
            Pushes.uplink(phone: "13800000004", content: "T", task: "T2"),
            Pushes.uplink(phone: "13800000001", content: "hello", task: "T9"),
        ]
        _ = try await store.store(receipts)
        _ = try await store.addOptOuts([OptOut(phone: "13800000099", source: .manual, time: Date())])

        var failed: [FailedNumber] = []
        let report = try await CampaignReporter(store: store).report([.init(journal: journal)]) { failed.append($0) }
        try await store.close()

        let campaign = try #require(report.campaigns.first)
        #expect(
            campaign.figures.funnel
                == Funnel(
                    read: 10, invalid: 1, duplicates: 1, valid: 8, suppressed: 1, sent: 4, rejected: 1, unknown: 0,
                    notSent: 2, delivered: 2, failed: 1, pending: 1, replies: 1, optOuts: 1))
        #expect(
            campaign.figures.failures == [
                FailureCount(code: "50006", meaning: "invalid mobile", stage: .rejected, count: 1),
                FailureCount(
                    code: "MK:0001", meaning: CarrierCode.meaning(of: "MK:0001"), stage: .receipt, count: 1),
            ])
        #expect(CarrierCode.meaning(of: "MK:0001")?.contains("空号") == true)
        let times = campaign.figures.deliveryTime
        #expect(times.count == 2 && times.p50 == 30 && times.p90 == 120 && times.p99 == 120)
        let bands = Dictionary(uniqueKeysWithValues: times.distribution.map { ($0.label, $0.count) })
        #expect(bands["30–60 s"] == 1 && bands["2–5 min"] == 1 && bands.values.reduce(0, +) == 2)
        let timeline = campaign.figures.timeline
        #expect(timeline.binSeconds == 60)
        #expect(timeline.bins.reduce(0) { $0 + $1.delivered } == 2 && timeline.bins.reduce(0) { $0 + $1.failed } == 1)
        #expect(
            campaign.chunks.map { [$0.number, $0.sent, $0.delivered, $0.failed, $0.pending, $0.replies] } == [
                [1, 2, 1, 1, 0, 0], [2, 2, 1, 0, 1, 1], [3, 0, 0, 0, 0, 0],
            ])
        #expect(campaign.chunks.last?.error == "refused: no balance")
        #expect(
            campaign.replies == [
                ReplySample(phone: "13800000004", content: "T", time: "2025-05-01 11:00:00", optOut: true)
            ])
        #expect(Set(failed.map(\.phone)) == ["13800000006", "13800000003"])
        #expect(failed.first { $0.stage == .receipt }?.taskID == "T1")
        #expect(report.total == campaign.figures)
        #expect(report.readStore && campaign.notes.isEmpty)
    }

    /// JSMS's chunks have no task id: receipts are matched by number, the first stored after the chunk was sent;
    /// a receipt for a number the answer left unaccounted for proves it was sent.
    @Test(arguments: StoreBackend.allCases)
    func jsmsReceiptsAreMatchedByNumber(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data("13800000001\n13800000002\n13800000003\n13800000004\n13800000005\n".utf8).write(
            to: URL(fileURLWithPath: phones))
        let created = Date().addingTimeInterval(-60)
        let journal = try Self.journal(
            in: directory, provider: ProviderID.jpush, phones: phones, chunkSize: 5, created: created,
            chunks: [
                SendJournal.Chunk(
                    index: 0, state: .unknown, requestID: "r0", first: 0, count: 5, accepted: 2, rejected: 1,
                    error: "unaccounted", at: created,
                    rejections: [RejectedRecipient(mobile: "13800000005", reason: "50006: invalid mobile")])
            ])
        _ = try await store.store([
            Pushes.jsmsReport(msgID: "m1", status: "4001", phone: "13800000001"),
            Pushes.jsmsReport(msgID: "m2", status: "4004", phone: "13800000002"),
            Pushes.jsmsReport(msgID: "m4", status: "4001", phone: "13800000004"),
            Pushes.jsmsReport(msgID: "m9", status: "4001", phone: "13800000099"),
        ])
        // A later report for a number already counted is not counted again.
        _ = try await store.store([Pushes.jsmsReport(msgID: "m1-again", status: "4004", phone: "13800000001")])
        _ = try await store.store([Self.jsmsReply(phone: "13800000002", content: "退订")])
        let report = try await CampaignReporter(store: store).report([.init(journal: journal)])
        try await store.close()
        let funnel = try #require(report.campaigns.first).figures.funnel
        #expect(
            funnel
                == Funnel(
                    read: 5, invalid: 0, duplicates: 0, valid: 5, suppressed: 0, sent: 3, rejected: 1, unknown: 1,
                    notSent: 0, delivered: 2, failed: 1, pending: 0, replies: 1, optOuts: 1))
        #expect(
            report.total.failures.map { "\($0.code) \($0.stage) \($0.meaning ?? "")" } == [
                "4004 receipt empty number", "50006 rejected invalid mobile",
            ])
    }

    /// A journal that records each number's msg_id (JSMS) counts only the reports naming it: an earlier
    /// campaign's report to the same number, stored after this one was sent, is not this campaign's.
    @Test(arguments: StoreBackend.allCases)
    func jsmsReportsNameTheirMessage(_ backend: StoreBackend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data("13800000001\n13800000002\n".utf8).write(to: URL(fileURLWithPath: phones))
        let created = Date().addingTimeInterval(-60)
        let journal = try Self.journal(
            in: directory, provider: ProviderID.jpush, phones: phones, chunkSize: 5, created: created,
            chunks: [
                SendJournal.Chunk(
                    index: 0, state: .acknowledged, requestID: "r0", first: 0, count: 2, accepted: 2, rejected: 0,
                    at: created, messageIDs: ["13800000001": "m1", "13800000002": "m2"])
            ])
        _ = try await store.store([
            Pushes.jsmsReport(msgID: "m0", status: "4004", phone: "13800000001"),
            Pushes.jsmsReport(msgID: "m1", status: "4001", phone: "13800000001"),
            Self.jsmsReply(phone: "13800000002", content: "T", msgID: "m0"),
            Self.jsmsReply(phone: "13800000002", content: "好的", msgID: "m2"),
        ])
        let report = try await CampaignReporter(store: store).report([.init(journal: journal)])
        try await store.close()
        let campaign = try #require(report.campaigns.first)
        #expect(campaign.figures.funnel.delivered == 1 && campaign.figures.funnel.failed == 0)
        #expect(campaign.figures.funnel.pending == 1 && campaign.figures.funnel.replies == 1)
        #expect(campaign.replies.map(\.content) == ["好的"])
    }

    /// A receipt stored before the campaign was sent (another campaign's, to the same number) is not its.
    @Test func aReceiptStoredBeforeTheCampaignIsNotItsOwn() async throws {
        guard let opened = try await StoreBackend.sqlite.open() else { return }
        let store = opened.store
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data("13800000001\n".utf8).write(to: URL(fileURLWithPath: phones))
        _ = try await store.store([Pushes.jsmsReport(msgID: "m1", status: "4001", phone: "13800000001")])
        let later = Date().addingTimeInterval(3_600)
        let journal = try Self.journal(
            in: directory, provider: .jpush, phones: phones, chunkSize: 10, created: later,
            chunks: [.init(index: 0, state: .acknowledged, requestID: "r", first: 0, count: 1, accepted: 1, at: later)])
        let report = try await CampaignReporter(store: store).report([.init(journal: journal)])
        try await store.close()
        let funnel = report.total.funnel
        #expect(funnel.sent == 1 && funnel.delivered == 0 && funnel.pending == 1)
    }

    /// Without the list, an ihuyi campaign is still reported by task (read, invalid and duplicate unknown);
    /// a JSMS campaign, whose receipts name only numbers, needs it; a list given in its place must be the same.
    @Test func aMissingListIsSaidAndAWrongOneRefused() async throws {
        guard let opened = try await StoreBackend.sqlite.open() else { return }
        let store = opened.store
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data(Self.listText.utf8).write(to: URL(fileURLWithPath: phones))
        let created = Date().addingTimeInterval(-60)
        let chunk = SendJournal.Chunk(
            index: 0, state: .acknowledged, requestID: "r", first: 0, count: 3, taskID: "T1", accepted: 3, at: created)
        let ihuyi = try Self.journal(
            in: directory, name: "ihuyi.jsonl", provider: .ihuyi, phones: phones, chunkSize: 3, created: created,
            chunks: [chunk])
        var taskless = chunk
        taskless.taskID = nil
        let jpush = try Self.journal(
            in: directory, name: "jpush.jsonl", provider: .jpush, phones: phones, chunkSize: 3, created: created,
            chunks: [taskless])
        let other = directory.appending("other.txt")
        try Data("13800000001\n".utf8).write(to: URL(fileURLWithPath: other))
        await #expect(throws: CampaignReportError.self) {
            try await CampaignReporter(store: store).report([.init(journal: ihuyi, phones: other)])
        }
        try FileManager.default.removeItem(atPath: phones)
        _ = try await store.store([
            Self.receipt(task: "T1", phone: "13800000001", sent: nil, reported: "2025-05-01 10:00:30")
        ])
        let report = try await CampaignReporter(store: store).report([.init(journal: ihuyi)])
        let campaign = try #require(report.campaigns.first)
        #expect(campaign.figures.funnel.read == nil && campaign.figures.funnel.valid == 3)
        let encoded = String(decoding: try JSONEncoder().encode(campaign.figures.funnel), as: UTF8.self)
        #expect(encoded.contains(#""read":null"#) && encoded.contains(#""duplicates":null"#), "\(encoded)")
        #expect(try JSONDecoder().decode(Funnel.self, from: Data(encoded.utf8)) == campaign.figures.funnel)
        #expect(campaign.figures.funnel.delivered == 1 && campaign.figures.funnel.pending == 2)
        #expect(campaign.notes.first?.contains("phones.txt cannot be read") == true)
        do {
            _ = try await CampaignReporter(store: store).report([.init(journal: jpush)])
            Issue.record("a JSMS campaign without its list was reported")
        } catch let error as CampaignReportError {
            #expect(error.description.contains("give it with --phones FILE"))
        }
        try await store.close()
    }

    /// Without a store the report is the journal's: sent numbers are pending, and the note says why.
    @Test func withoutAStoreSentNumbersArePending() async throws {
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.txt")
        try Data(Self.listText.utf8).write(to: URL(fileURLWithPath: phones))
        let journal = try Self.journal(
            in: directory, provider: .ihuyi, phones: phones, chunkSize: 3, created: Date(),
            chunks: [
                .init(
                    index: 0, state: .acknowledged, requestID: "r", first: 0, count: 3, taskID: "T", accepted: 3,
                    at: Date())
            ])
        let report = try await CampaignReporter(store: nil).report([.init(journal: journal), .init(journal: journal)])
        #expect(!report.readStore)
        let funnel = report.campaigns[0].figures.funnel
        #expect(funnel.sent == 3 && funnel.pending == 3 && funnel.notSent == 5 && funnel.delivered == 0)
        #expect(report.campaigns[0].notes.contains { $0.contains("no store was read") })
        #expect(report.total.funnel.sent == 6 && report.total.funnel.read == 20)
    }

    /// A CSV list is read again by the column the journal recorded; a journal that recorded none (earlier
    /// releases) says so, and takes the column from the command line.
    @Test func aCSVListIsReadByItsRecordedColumn() async throws {
        let directory = try TemporaryDirectory("mmskit-report")
        let phones = directory.appending("phones.csv")
        try Data("name,phone\na,13800000001\nb,13800000002\nc,oops\n".utf8).write(to: URL(fileURLWithPath: phones))
        let csv = RecipientListOptions(format: .csv(column: .name("phone")))
        let chunk = SendJournal.Chunk(
            index: 0, state: .acknowledged, requestID: "r", first: 0, count: 2, taskID: "T", accepted: 2, at: Date())
        let recorded = try Self.journal(
            in: directory, name: "recorded.jsonl", provider: .ihuyi, phones: phones, chunkSize: 5, created: Date(),
            chunks: [chunk], listOptions: csv)
        let report = try await CampaignReporter(store: nil).report([.init(journal: recorded)])
        #expect(report.total.funnel.read == 3 && report.total.funnel.valid == 2 && report.total.funnel.invalid == 1)

        let older = try Self.journal(
            in: directory, name: "older.jsonl", provider: .ihuyi, phones: phones, chunkSize: 5, created: Date(),
            chunks: [chunk])
        let unread = try await CampaignReporter(store: nil).report([.init(journal: older)])
        #expect(unread.total.funnel.read == nil)
        #expect(unread.campaigns[0].notes.first?.contains("give --column and --header as send had them") == true)
        let given = try await CampaignReporter(store: nil).report([.init(journal: older, listOptions: csv)])
        #expect(given.total.funnel.valid == 2)
    }

    @Test func timesAreReadAsTheProvidersWriteThem() throws {
        for text in ["2025-05-01 10:00:30", "2024-02-29 23:59:59", "1999-12-31 00:00:00"] {
            #expect(ReportTime.seconds(text) == ChinaTime.parse(text)?.timeIntervalSince1970)
        }
        #expect(ReportTime.seconds("1700000000000") == 1_700_000_000)
        #expect(ReportTime.seconds("1700000000") == 1_700_000_000)
        #expect(ReportTime.seconds("2025-13-01 10:00:00") == nil)
        #expect(ReportTime.seconds("soon") == nil)
        let payload = Data(#"{"code":"DELIVERED","send_time":"2025-05-01 10:00:00","x":1}"#.utf8)
        #expect(
            ReportTime.field("send_time", in: payload) == ChinaTime.parse("2025-05-01 10:00:00")?.timeIntervalSince1970)
        #expect(ReportTime.field("report_time", in: payload) == nil)
        #expect(ReportTime.field("receiveTime", in: Data(#"{"receiveTime":1700000000000}"#.utf8)) == 1_700_000_000)
    }

    @Test func percentilesAreNearestRankAndEveryBandIsShown() {
        var times = (1...100).map(Double.init).reversed().map { $0 }
        let summary = DeliveryTimeSummary.summarize(&times)
        #expect(summary.p50 == 50 && summary.p90 == 90 && summary.p99 == 99)
        #expect(summary.minimum == 1 && summary.maximum == 100)
        #expect(summary.distribution.count == DeliveryTimeSummary.bands.count)
        #expect(summary.distribution.map(\.count) == [9, 20, 30, 41, 0, 0, 0, 0, 0, 0])
        var none: [Double] = []
        let empty = DeliveryTimeSummary.summarize(&none)
        #expect(empty.p50 == nil && empty.count == 0 && empty.distribution.allSatisfy { $0.count == 0 })
    }

    @Test func theTimelineTakesTheShortestRoundBinThatFits() {
        let start = ChinaTime.parse("2025-05-01 10:07:00")!.timeIntervalSince1970
        let events = stride(from: 0.0, through: 3 * 3_600, by: 60).map {
            TimelineEvent(seconds: start + $0, delivered: Int($0) % 120 == 0)
        }
        let timeline = TimelineBinning.bin(events)
        #expect(timeline.binSeconds == 300)
        #expect(timeline.start == ChinaTime.parse("2025-05-01 10:05:00"))
        #expect(timeline.bins.count <= ReportLimits.timelineBins)
        #expect(timeline.bins.map { $0.delivered + $0.failed }.reduce(0, +) == events.count)
        #expect(TimelineBinning.bin([]).bins.isEmpty)
        let days = TimelineBinning.bin([
            TimelineEvent(seconds: start, delivered: true),
            TimelineEvent(seconds: start + 100 * 86_400, delivered: false),
        ])
        #expect(days.bins.count <= ReportLimits.timelineBins && days.binSeconds % 86_400 == 0)
    }

    // MARK: Fixtures

    static func journal(
        in directory: TemporaryDirectory, name: String = "send.jsonl", provider: ProviderID, phones: String,
        chunkSize: Int, created: Date, chunks: [SendJournal.Chunk],
        listOptions: RecipientListOptions = RecipientListOptions()
    ) throws -> String {
        let header = SendJournal.Header(
            provider: provider, phonesPath: phones, phonesSHA256: try RecipientList.fingerprint(path: phones),
            messageSHA256: "message", chunkSize: chunkSize, created: created, listOptions: listOptions)
        let path = directory.appending(name)
        let journal = try SendJournal.create(at: path, header: header)
        for chunk in chunks { try journal.record(chunk) }
        return path
    }

    static func receipt(
        task: String, phone: String, code: String = "DELIVERED", sent: String?, reported: String
    ) -> PushRecord {
        let sentField = sent.map { #","send_time":"\#($0)""# } ?? ""
        let body =
            #"{"task_id":"\#(task)","phone":"\#(phone)","code":"\#(code)","message":"m","report_time":"\#(reported)"\#(sentField)}"#
        return try! IhuyiPushParser.records(from: Data(body.utf8), kind: .deliveryReceipt)[0]
    }

    static func jsmsReply(phone: String, content: String, msgID: String? = nil) -> PushRecord {
        let message = msgID.map { #","msgId":"\#($0)""# } ?? ""
        let data = #"{"phone":"\#(phone)","content":"\#(content)","replyTime":1700000000000\#(message)}"#
        return try! JPushCallbackParser.record(
            from: JPushCallback(nonce: "1", timestamp: "1700000000000", type: .reply, data: data, signature: ""))
    }
}
