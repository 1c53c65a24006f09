import Foundation
import MMSKit

@testable import MMSKitReports

/// Reports built by hand for the HTML tests: a campaign with every figure, two campaigns and their total, an
/// empty one, one read without a store, and one whose every text from outside is hostile markup.
enum ReportFixtures {
    /// 2025-03-01 10:00:00 China time.
    static let start = Date(timeIntervalSince1970: 1_740_794_400)
    static let hostile = "<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>"

    static let bands: [(String, Double, Double?)] = [
        ("< 5 s", 0, 5), ("5–10 s", 5, 10), ("10–30 s", 10, 30), ("30–60 s", 30, 60), ("1–2 min", 60, 120),
        ("2–5 min", 120, 300), ("5–15 min", 300, 900), ("15–60 min", 900, 3600), ("≥ 1 h", 3600, nil),
    ]

    static func distribution(_ counts: [Int]) -> [DeliveryTimes.Band] {
        zip(bands, counts).map { DeliveryTimes.Band(label: $0.0, from: $0.1, to: $0.2, count: $1) }
    }

    static func timeline(_ counts: [(Int, Int)], binSeconds: Int = 300) -> Timeline {
        Timeline(
            start: counts.isEmpty ? nil : start, binSeconds: binSeconds,
            bins: counts.enumerated().map { index, pair in
                Timeline.Bin(
                    start: start.addingTimeInterval(Double(index * binSeconds)), delivered: pair.0, failed: pair.1)
            })
    }

    /// 12,480 numbers read, 12,000 valid, 11,650 sent, 11,203 delivered.
    static var figures: ReportFigures {
        let funnel = Funnel(
            read: 12_480, invalid: 312, duplicates: 168, valid: 12_000, suppressed: 120, sent: 11_650, rejected: 30,
            unknown: 100, notSent: 100, delivered: 11_203, failed: 310, pending: 137, replies: 57, optOuts: 9)
        let failures = [
            FailureCount(code: "MK:0001", meaning: "空号 (number does not exist)", stage: .receipt, count: 190),
            FailureCount(code: "MK:0005", meaning: "停机 (suspended)", stage: .receipt, count: 80),
            FailureCount(code: "4002", meaning: "invalid number", stage: .rejected, count: 30),
            FailureCount(code: "DB:0141", meaning: nil, stage: .receipt, count: 25),
            FailureCount(code: "", meaning: nil, stage: .receipt, count: 15),
        ]
        let early = [1_900, 2_600, 1_500]
        let counts: [(Int, Int)] = (0..<24).map { (index: Int) -> (Int, Int) in
            let delivered = index < 3 ? early[index] : max(0, 700 - index * 30)
            return (delivered, index % 5 == 0 ? 20 + index : 8)
        }
        let timeline = timeline(counts)
        let distribution = distribution([1_200, 3_900, 3_100, 1_500, 800, 400, 200, 90, 13])
        let times = DeliveryTimes(
            count: 11_203, p50: 12.5, p90: 95, p99: 1_340, minimum: 1.2, maximum: 5_400, distribution: distribution)
        return ReportFigures(funnel: funnel, failures: failures, deliveryTime: times, timeline: timeline)
    }

    static func chunks(_ count: Int) -> [ChunkOutcome] {
        (1...count).map { number in
            ChunkOutcome(
                number: number, state: number == count ? "unknown" : (number == 3 ? "failed" : "acknowledged"),
                taskID: number == 3 ? nil : "2503011000\(number)", numbers: 1_000, suppressed: 10,
                sent: number == 3 ? 0 : 985, rejected: number == 3 ? 0 : 5, delivered: number == 3 ? 0 : 950,
                failed: number == 3 ? 0 : 25, pending: number == 3 ? 0 : 10, replies: number % 4,
                error: number == 3 ? "ihuyi answered 4085: 单个手机号码发送超出限制; send it again later" : nil)
        }
    }

    static var replies: [ReplySample] {
        [
            ReplySample(phone: "13800000005", content: "T", time: "2025-03-01 10:04:12", optOut: true),
            ReplySample(phone: "13800000123", content: "请问门店地址在哪？", time: "2025-03-01 10:07:45", optOut: false),
            ReplySample(phone: "13800000456", content: "退订", time: "2025-03-01 10:11:03", optOut: true),
            ReplySample(phone: "13800000789", content: "好的，谢谢", time: nil, optOut: false),
        ]
    }

    static func campaign(
        _ journal: String, provider: ProviderID = "ihuyi", figures: ReportFigures = figures, chunkCount: Int = 12
    ) -> CampaignOutcome {
        CampaignOutcome(
            journal: journal, provider: provider, campaignID: "c-20250301-spring",
            created: start.addingTimeInterval(-120),
            phones: "lists/spring-members.txt", sendTime: nil, figures: figures, chunks: chunks(chunkCount),
            replies: replies,
            notes: [
                "The phone list changed after the send: read, invalid and duplicates are from the list as it is now."
            ])
    }

    /// One campaign with every figure.
    static var single: CampaignReport {
        CampaignReport(
            generated: start.addingTimeInterval(7_200), campaigns: [campaign("spring-promo.journal")], total: figures,
            readStore: true)
    }

    /// Two campaigns and their total (the total's figures are not the sum here; the page only shows them).
    static var two: CampaignReport {
        var second = figures
        second.funnel.sent = 0
        second.funnel.delivered = 0
        second.funnel.failed = 0
        second.funnel.pending = 0
        second.failures = []
        return CampaignReport(
            generated: start.addingTimeInterval(7_200),
            campaigns: [
                campaign("spring-promo.journal"), campaign("spring-jsms.journal", provider: "jsms", figures: second),
            ],
            total: figures, readStore: true)
    }

    static var emptyFigures: ReportFigures {
        ReportFigures(
            funnel: Funnel(
                read: 0, invalid: 0, duplicates: 0, valid: 0, suppressed: 0, sent: 0, rejected: 0, unknown: 0,
                notSent: 0, delivered: 0, failed: 0, pending: 0, replies: 0, optOuts: 0),
            failures: [],
            deliveryTime: DeliveryTimes(
                count: 0, p50: nil, p90: nil, p99: nil, minimum: nil, maximum: nil,
                distribution: distribution(Array(repeating: 0, count: 9))),
            timeline: Timeline(start: nil, binSeconds: 60, bins: []))
    }

    /// A campaign with nothing in it: zero everywhere, no chunks, no replies.
    static var empty: CampaignReport {
        let campaign = CampaignOutcome(
            journal: "empty.journal", provider: "sendpulse", campaignID: nil, created: start, phones: "empty.txt",
            sendTime: nil, figures: emptyFigures, chunks: [], replies: [], notes: [])
        return CampaignReport(generated: start, campaigns: [campaign], total: emptyFigures, readStore: true)
    }

    /// No campaign at all.
    static var none: CampaignReport {
        CampaignReport(generated: start, campaigns: [], total: emptyFigures, readStore: true)
    }

    /// A campaign sent and read back without a store: every sent number pending, no receipts.
    static var withoutStore: CampaignReport {
        var figures = emptyFigures
        figures.funnel = Funnel(
            read: nil, invalid: nil, duplicates: nil, valid: 5_000, suppressed: 0, sent: 4_990, rejected: 10,
            unknown: 0, notSent: 0, delivered: 0, failed: 0, pending: 4_990, replies: 0, optOuts: 0)
        figures.failures = [FailureCount(code: "4002", meaning: "invalid number", stage: .rejected, count: 10)]
        var campaign = campaign("jsms.journal", provider: "jsms", figures: figures, chunkCount: 5)
        campaign.replies = []
        campaign.sendTime = "2025-03-01 10:00:00"
        return CampaignReport(generated: start, campaigns: [campaign], total: figures, readStore: false)
    }

    /// Every text from outside is markup that must stay text.
    static var hostileReport: CampaignReport {
        var figures = figures
        figures.failures.insert(FailureCount(code: hostile, meaning: hostile, stage: .receipt, count: 400), at: 0)
        figures.deliveryTime.distribution[0].label = hostile
        var campaign = campaign(hostile + "/journal", provider: ProviderID(hostile), chunkCount: 3)
        campaign.campaignID = hostile
        campaign.phones = hostile
        campaign.sendTime = hostile
        campaign.notes = [hostile]
        campaign.chunks[0].taskID = hostile
        campaign.chunks[1].state = hostile
        campaign.chunks[2].error = hostile + "\u{1B}[31m\u{202E}"
        campaign.replies.append(
            ReplySample(phone: hostile, content: hostile + "\nsecond line", time: hostile, optOut: true))
        return CampaignReport(generated: start, campaigns: [campaign, campaign], total: figures, readStore: true)
    }
}
