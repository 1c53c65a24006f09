import Foundation
import MMSKit
import MMSKitProviders
import MMSKitStore

/// Makes a `CampaignReport`: reads each campaign's send journal, reads its phone list again (the journal holds
/// no numbers, only positions and a fingerprint of the list), and streams the store's delivery reports, replies
/// and opt-outs past them once.
///
/// Memory grows with the campaign's numbers (an 8-byte number and a 4-byte position each, a byte of state) and
/// its delivery times (8 bytes each), never with the store: records are read a page at a time. The figures
/// are exactly the store's: a number's delivery report is the one the store holds for its task and number
/// (ihuyi), or the first one stored for the number after its chunk was sent, for a provider whose chunks have no
/// task id (JSMS's batch answer gives one msg_id per number and the journal keeps none).
public struct CampaignReporter: Sendable {
    /// One campaign to report on.
    public struct Source: Sendable, Equatable {
        /// The send journal.
        public var journal: String
        /// The phone list to read in place of the one the journal names (it must be the same list: its SHA-256
        /// is checked).
        public var phones: String?
        /// How to read the list, for a journal of an earlier release, which did not record a CSV column; nil
        /// reads it as the journal says.
        public var listOptions: RecipientListOptions?

        /// The campaign of `journal`, with its list at `phones` when it moved.
        /// - Parameters:
        ///   - journal: the send journal.
        ///   - phones: the phone list, when it is no longer where the journal says.
        ///   - listOptions: how to read the list, when the journal does not say (earlier releases).
        public init(journal: String, phones: String? = nil, listOptions: RecipientListOptions? = nil) {
            self.journal = journal
            self.phones = phones
            self.listOptions = listOptions
        }
    }

    /// Where delivery reports, replies and opt-outs are read; nil reports from the journals alone.
    public var store: (any PushStore & OptOutStore)?
    /// What makes a reply an opt-out, for the replies shown.
    public var keywords: OptOutKeywords
    /// The providers a journal may name.
    public var providers: ProviderRegistry
    /// Records read from the store per query.
    public var pageSize: Int

    /// A reporter reading `store` (nil: the journals alone).
    /// - Parameters:
    ///   - store: the store the receiver wrote, or nil.
    ///   - keywords: the opt-out keywords in force, to mark the replies that are opt-outs.
    ///   - providers: the providers a journal may name.
    ///   - pageSize: records per store query.
    public init(
        store: (any PushStore & OptOutStore)?, keywords: OptOutKeywords = OptOutKeywords(),
        providers: ProviderRegistry = .standard, pageSize: Int = 5_000
    ) {
        self.store = store
        self.keywords = keywords
        self.providers = providers
        self.pageSize = pageSize
    }

    /// The report on `sources`, one campaign each, with their total.
    /// - Parameters:
    ///   - sources: the campaigns, in the order to show them.
    ///   - failed: told of every number behind a failure code, as it is found (for `--failures FILE`).
    ///   - now: the report's time.
    /// - Throws: `CampaignReportError` for a journal or phone list that cannot be read, and the store's errors.
    public func report(
        _ sources: [Source], failed: ((FailedNumber) throws -> Void)? = nil, now: Date = Date()
    ) async throws -> CampaignReport {
        var outcomes: [CampaignOutcome] = []
        var durations: [Double] = []
        var events: [TimelineEvent] = []
        var failureCounts: [FailureKey: Int] = [:]
        for source in sources {
            let tally = try CampaignTally(source: source, providers: providers)
            try await tally.readStore(store, keywords: keywords, pageSize: pageSize, failed: failed)
            outcomes.append(tally.outcome())
            durations += tally.durations
            events += tally.events
            failureCounts.merge(tally.failureCounts, uniquingKeysWith: +)
        }
        let total = ReportFigures(
            funnel: Self.sum(outcomes.map(\.figures.funnel)), failures: FailureKey.sorted(failureCounts),
            deliveryTime: DeliveryTimeSummary.summarize(&durations), timeline: TimelineBinning.bin(events))
        return CampaignReport(generated: now, campaigns: outcomes, total: total, readStore: store != nil)
    }

    /// The funnels added up; a count unknown for one campaign is unknown for the total.
    static func sum(_ funnels: [Funnel]) -> Funnel {
        func add(_ values: [Int?]) -> Int? {
            values.contains(where: { $0 == nil }) ? nil : values.reduce(0) { $0 + $1! }
        }
        return Funnel(
            read: add(funnels.map(\.read)), invalid: add(funnels.map(\.invalid)),
            duplicates: add(funnels.map(\.duplicates)), valid: funnels.reduce(0) { $0 + $1.valid },
            suppressed: funnels.reduce(0) { $0 + $1.suppressed }, sent: funnels.reduce(0) { $0 + $1.sent },
            rejected: funnels.reduce(0) { $0 + $1.rejected }, unknown: funnels.reduce(0) { $0 + $1.unknown },
            notSent: funnels.reduce(0) { $0 + $1.notSent }, delivered: funnels.reduce(0) { $0 + $1.delivered },
            failed: funnels.reduce(0) { $0 + $1.failed }, pending: funnels.reduce(0) { $0 + $1.pending },
            replies: funnels.reduce(0) { $0 + $1.replies }, optOuts: funnels.reduce(0) { $0 + $1.optOuts })
    }
}

/// Why a report could not be made.
public enum CampaignReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The journal cannot be read.
    case journal(SendJournalError)
    /// The phone list given in place of the journal's is not the campaign's list, or cannot be read.
    case phoneList(journal: String, phones: String, reason: String)
    /// The campaign's receipts can only be matched by number, and its list cannot be read.
    case phonesRequired(journal: String, phones: String, reason: String)

    public var description: String {
        switch self {
        case .journal(let error):
            "\(error)"
        case .phoneList(let journal, let phones, let reason):
            "\(phones) \(reason); give the phone list campaign \(journal) was sent to"
        case .phonesRequired(let journal, let phones, let reason):
            "\(journal): its delivery reports name numbers, not the campaign's chunks, so its phone list is needed, and \(phones) \(reason); give it with --phones FILE"
        }
    }
}

extension CampaignReportError: ClassifiedFailure {
    /// A journal, list or store that cannot be used is a failure of the setup (exit status 2).
    public var isContentError: Bool { false }
}

/// A failure code at a stage, and its meaning (the same code may fail at both stages).
struct FailureKey: Hashable {
    var code: String
    var stage: FailureCount.Stage
    var meaning: String?

    static func sorted(_ counts: [FailureKey: Int]) -> [FailureCount] {
        counts.map { FailureCount(code: $0.key.code, meaning: $0.key.meaning, stage: $0.key.stage, count: $0.value) }
            .sorted { ($0.count, $1.code, $1.stage.rawValue) > ($1.count, $0.code, $0.stage.rawValue) }
    }
}

/// A delivery report's time and whether it said delivered, for the timeline.
struct TimelineEvent {
    var seconds: Double
    var delivered: Bool
}
