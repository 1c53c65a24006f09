import Foundation

/// One chunk of a campaign: how the journal left it, and what its receipts say.
public struct ChunkOutcome: Codable, Sendable, Equatable {
    /// Its position in the campaign, counted from 1 as `send` prints it.
    public var number: Int
    /// How the journal left it: `acknowledged`, `failed`, `unknown` or `pending`.
    public var state: String
    /// The provider's id for the batch, when it gave one (ihuyi's task_id).
    public var taskID: String?
    /// The chunk's numbers (suppressed ones included).
    public var numbers: Int
    /// Numbers left out as opted out.
    public var suppressed: Int
    /// Numbers the provider accepted.
    public var sent: Int
    /// Numbers the provider refused.
    public var rejected: Int
    /// Sent numbers reported delivered.
    public var delivered: Int
    /// Sent numbers reported failed.
    public var failed: Int
    /// Sent numbers with no report yet.
    public var pending: Int
    /// Replies to the chunk's numbers.
    public var replies: Int
    /// Why it failed or is unknown, as the journal records it.
    public var error: String?

    /// A chunk row with every count given.
    public init(
        number: Int, state: String, taskID: String?, numbers: Int, suppressed: Int, sent: Int, rejected: Int,
        delivered: Int, failed: Int, pending: Int, replies: Int, error: String?
    ) {
        self.number = number
        self.state = state
        self.taskID = taskID
        self.numbers = numbers
        self.suppressed = suppressed
        self.sent = sent
        self.rejected = rejected
        self.delivered = delivered
        self.failed = failed
        self.pending = pending
        self.replies = replies
        self.error = error
    }
}

/// A reply from one of the campaign's numbers, as the report shows it.
public struct ReplySample: Codable, Sendable, Equatable {
    /// The number that replied.
    public var phone: String
    /// What it wrote (as received; escaped wherever it is shown).
    public var content: String
    /// When, as the provider wrote it.
    public var time: String?
    /// Whether the reply is an opt-out keyword.
    public var optOut: Bool

    /// A reply of `content` from `phone`.
    public init(phone: String, content: String, time: String?, optOut: Bool) {
        self.phone = phone
        self.content = content
        self.time = time
        self.optOut = optOut
    }
}
