import Foundation

/// The figures of a campaign, or of several together.
public struct ReportFigures: Codable, Sendable, Equatable {
    /// From the numbers read to the replies.
    public var funnel: Funnel
    /// Failed receipts and refused numbers, by code, most frequent first.
    public var failures: [FailureCount]
    /// How long delivered messages took, from the send to the delivery report.
    public var deliveryTime: DeliveryTimes
    /// Delivery reports over time.
    public var timeline: Timeline

    /// Figures from their parts.
    public init(funnel: Funnel, failures: [FailureCount], deliveryTime: DeliveryTimes, timeline: Timeline) {
        self.funnel = funnel
        self.failures = failures
        self.deliveryTime = deliveryTime
        self.timeline = timeline
    }
}

/// What happened to a campaign's numbers, stage by stage. Every valid number is in exactly one of suppressed,
/// sent, rejected, unknown and not sent; every sent number in exactly one of delivered, failed and pending.
public struct Funnel: Codable, Sendable, Equatable {
    /// Numbers in the phone list (valid, duplicate and invalid lines); nil when the list could not be read again.
    public var read: Int?
    /// Lines that hold no valid number; nil when the list could not be read again.
    public var invalid: Int?
    /// Valid numbers that an earlier line already had; nil when the list could not be read again.
    public var duplicates: Int?
    /// Distinct valid numbers: what the campaign was to send to.
    public var valid: Int
    /// Numbers left out because they were on the opt-out list when their chunk was recorded.
    public var suppressed: Int
    /// Numbers the provider accepted.
    public var sent: Int
    /// Numbers the provider refused in its answer (each with a code in `failures`).
    public var rejected: Int
    /// Numbers whose request may or may not have reached the provider (a chunk sent and not answered, or an answer
    /// that did not account for them).
    public var unknown: Int
    /// Numbers not sent: their chunk was refused whole, could not be sent, or the campaign stopped before it.
    public var notSent: Int
    /// Sent numbers whose delivery report says delivered.
    public var delivered: Int
    /// Sent numbers whose delivery report gives a failure code.
    public var failed: Int
    /// Sent numbers with no delivery report stored yet.
    public var pending: Int
    /// Replies from the campaign's numbers (to its tasks, or from its numbers after it was sent).
    public var replies: Int
    /// The campaign's numbers put on the opt-out list since it was sent, by a reply or by hand.
    public var optOuts: Int

    /// A funnel with every count given.
    public init(
        read: Int?, invalid: Int?, duplicates: Int?, valid: Int, suppressed: Int, sent: Int, rejected: Int,
        unknown: Int, notSent: Int, delivered: Int, failed: Int, pending: Int, replies: Int, optOuts: Int
    ) {
        self.read = read
        self.invalid = invalid
        self.duplicates = duplicates
        self.valid = valid
        self.suppressed = suppressed
        self.sent = sent
        self.rejected = rejected
        self.unknown = unknown
        self.notSent = notSent
        self.delivered = delivered
        self.failed = failed
        self.pending = pending
        self.replies = replies
        self.optOuts = optOuts
    }

    private enum CodingKeys: String, CodingKey {
        case read, invalid, duplicates, valid, suppressed, sent, rejected, unknown, notSent, delivered, failed, pending
        case replies, optOuts
    }

    /// Encodes every count, an unknown one as `null` (a reader sees that it is unknown, not missing).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(read, forKey: .read)
        try container.encode(invalid, forKey: .invalid)
        try container.encode(duplicates, forKey: .duplicates)
        try container.encode(valid, forKey: .valid)
        try container.encode(suppressed, forKey: .suppressed)
        try container.encode(sent, forKey: .sent)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(unknown, forKey: .unknown)
        try container.encode(notSent, forKey: .notSent)
        try container.encode(delivered, forKey: .delivered)
        try container.encode(failed, forKey: .failed)
        try container.encode(pending, forKey: .pending)
        try container.encode(replies, forKey: .replies)
        try container.encode(optOuts, forKey: .optOuts)
    }

    /// Delivered as a share of sent (0 when nothing was sent).
    public var deliveryRate: Double { sent == 0 ? 0 : Double(delivered) / Double(sent) }
}

/// How many numbers failed with one code at one stage.
public struct FailureCount: Codable, Sendable, Equatable {
    /// Where the failure was reported.
    public enum Stage: String, Codable, Sendable {
        /// The provider refused the number in its answer to the send.
        case rejected
        /// The delivery report gave a failure code.
        case receipt
    }

    /// The code as the provider or carrier gave it (empty when none was given).
    public var code: String
    /// What the code means, where the provider or a carrier documents it.
    public var meaning: String?
    /// Where it was reported.
    public var stage: Stage
    /// How many numbers.
    public var count: Int

    /// `count` numbers that failed with `code` at `stage`.
    public init(code: String, meaning: String?, stage: Stage, count: Int) {
        self.code = code
        self.meaning = meaning
        self.stage = stage
        self.count = count
    }
}

/// How long delivery took (report time − send time) for the delivered numbers whose times are known, in seconds.
public struct DeliveryTimes: Codable, Sendable, Equatable {
    /// How many delivered numbers have both times.
    public var count: Int
    /// The median; nil when `count` is 0.
    public var p50: Double?
    /// The 90th percentile (nearest rank).
    public var p90: Double?
    /// The 99th percentile (nearest rank).
    public var p99: Double?
    /// The fastest.
    public var minimum: Double?
    /// The slowest.
    public var maximum: Double?
    /// The distribution over fixed bands, from under 10 seconds to 3 hours and more, every band present (empty
    /// ones too).
    public var distribution: [Band]

    /// One band of the distribution: the times at least `from` and below `to` seconds.
    public struct Band: Codable, Sendable, Equatable {
        /// The band as people read it (`10–30 s`).
        public var label: String
        /// Its lower bound in seconds, inclusive.
        public var from: Double
        /// Its upper bound in seconds, exclusive; nil for the last, open band.
        public var to: Double?
        /// How many delivery times fall in it.
        public var count: Int

        /// A band of `count` times in [`from`, `to`).
        public init(label: String, from: Double, to: Double?, count: Int) {
            self.label = label
            self.from = from
            self.to = to
            self.count = count
        }
    }

    /// Delivery times from their parts.
    public init(
        count: Int, p50: Double?, p90: Double?, p99: Double?, minimum: Double?, maximum: Double?,
        distribution: [Band]
    ) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.minimum = minimum
        self.maximum = maximum
        self.distribution = distribution
    }
}

/// Delivery reports over time, in equal bins from the first report to the last.
public struct Timeline: Codable, Sendable, Equatable {
    /// The start of the first bin (nil when there is no report).
    public var start: Date?
    /// Each bin's length in seconds (a round length: 1, 5, 15 or 30 minutes, 1, 3, 6 or 12 hours, days).
    public var binSeconds: Int
    /// The bins, in order; empty when there is no report.
    public var bins: [Bin]

    /// The reports of one bin.
    public struct Bin: Codable, Sendable, Equatable {
        /// When the bin starts.
        public var start: Date
        /// Delivered reports in it.
        public var delivered: Int
        /// Failure reports in it.
        public var failed: Int

        /// A bin from `start` with its counts.
        public init(start: Date, delivered: Int, failed: Int) {
            self.start = start
            self.delivered = delivered
            self.failed = failed
        }
    }

    /// A timeline from its parts.
    public init(start: Date?, binSeconds: Int, bins: [Bin]) {
        self.start = start
        self.binSeconds = binSeconds
        self.bins = bins
    }
}
