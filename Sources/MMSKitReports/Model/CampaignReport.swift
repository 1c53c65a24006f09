import Foundation
import MMSKit

/// What `mmskit report` shows: one outcome per campaign (per send journal), and their total.
///
/// Made by `CampaignReporter` from the journals, the phone lists they name and the store the receiver wrote; shown
/// as text, JSON (this type encoded) or one self-contained HTML page (`ReportHTML`).
public struct CampaignReport: Codable, Sendable, Equatable {
    /// When the report was made.
    public var generated: Date
    /// Every campaign, in the order the journals were named.
    public var campaigns: [CampaignOutcome]
    /// The figures of every campaign together: counts added, delivery times and the timeline over all receipts.
    public var total: ReportFigures
    /// Whether a store was read: without one, delivered, failed, replies and opt-outs are not known and the
    /// sent numbers count as pending.
    public var readStore: Bool

    /// A report of `campaigns` with their `total`.
    public init(generated: Date, campaigns: [CampaignOutcome], total: ReportFigures, readStore: Bool) {
        self.generated = generated
        self.campaigns = campaigns
        self.total = total
        self.readStore = readStore
    }
}

/// What became of one campaign: where it is recorded, its figures, its chunks and its first replies.
public struct CampaignOutcome: Codable, Sendable, Equatable {
    /// The send journal as named on the command line.
    public var journal: String
    /// The provider it went through.
    public var provider: ProviderID
    /// The journal's campaign id (journals of version 1 have none).
    public var campaignID: String?
    /// When the campaign's journal was created.
    public var created: Date
    /// The phone list the journal names (or the one given in its place).
    public var phones: String
    /// The scheduled send time in force (China time), if the campaign was scheduled.
    public var sendTime: String?
    /// The campaign's figures.
    public var figures: ReportFigures
    /// One row per chunk the journal records, in order.
    public var chunks: [ChunkOutcome]
    /// The first replies from the campaign's numbers (at most `ReportLimits.replySamples`), oldest first.
    public var replies: [ReplySample]
    /// What limits the report, said so that no figure is taken for more than it is (a phone list that changed, a
    /// provider that pushes no receipts).
    public var notes: [String]

    /// The outcome of the campaign recorded in `journal`.
    public init(
        journal: String, provider: ProviderID, campaignID: String?, created: Date, phones: String, sendTime: String?,
        figures: ReportFigures, chunks: [ChunkOutcome], replies: [ReplySample], notes: [String]
    ) {
        self.journal = journal
        self.provider = provider
        self.campaignID = campaignID
        self.created = created
        self.phones = phones
        self.sendTime = sendTime
        self.figures = figures
        self.chunks = chunks
        self.replies = replies
        self.notes = notes
    }
}

/// How much of what is unbounded a report keeps in memory and shows.
public enum ReportLimits {
    /// Replies shown per campaign (all are counted).
    public static let replySamples = 100
    /// Most bins of the deliveries-over-time chart.
    public static let timelineBins = 48
}
