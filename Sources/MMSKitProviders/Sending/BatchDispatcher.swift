import MMSKit

/// Sends one chunk of a campaign to one provider. The campaign runner handles chunking, journaling and retries.
public protocol BatchDispatcher: Sendable {
    /// The provider the chunks go through (`.ihuyi`, `.jpush`), recorded in the journal.
    var provider: ProviderID { get }
    /// The most numbers one request may carry.
    var maximumChunkSize: Int { get }
    /// Whether the provider de-duplicates request_ids, so that resending after an unclear failure cannot
    /// deliver twice (ihuyi: for 2 hours). Without it, only failures where the request never left are retried.
    var deduplicatesRequests: Bool { get }
    /// How long the provider remembers a request_id.
    var deduplicationWindow: Duration { get }

    /// Sends the chunk under `requestID`; `attempt` is 1 for the first try of this request_id in this run.
    func dispatch(
        _ phones: [PhoneNumber], requestID: String, attempt: Int
    ) async throws(DispatchError) -> DispatchReceipt

    /// The exact request `dispatch` sends for the chunk (signed now), for `--dry-run`; nothing is sent.
    func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest
}

/// What the provider said about a chunk.
public struct DispatchReceipt: Sendable, Equatable {
    /// The provider's id for the batch (ihuyi task_id), when it gives one.
    public var taskID: String?
    /// Set when the provider said it already had this request (an earlier attempt got through).
    public var alreadyAccepted = false
    /// How many numbers of the chunk the provider accepted.
    public var accepted: Int
    /// Numbers the provider refused, with its reason.
    public var rejected: [RejectedRecipient]
    /// Numbers the answer says nothing about (a JPush batch answer that covers only some recipients): they may
    /// or may not have been sent, so the chunk is not acknowledged.
    public var unaccounted: [String]
    /// The provider's id for each accepted number, by its 11 digits, where it gives one id per number rather than
    /// one per batch (JSMS's `msg_id`): what its delivery reports name, kept in the journal for the campaign report.
    public var messageIDs: [String: String]?

    /// A receipt; numbers neither accepted nor rejected go in `unaccounted`.
    public init(
        taskID: String?, accepted: Int, rejected: [RejectedRecipient] = [], unaccounted: [String] = [],
        messageIDs: [String: String]? = nil
    ) {
        self.taskID = taskID
        self.accepted = accepted
        self.rejected = rejected
        self.unaccounted = unaccounted
        self.messageIDs = messageIDs
    }
}

/// One number the provider did not accept.
public struct RejectedRecipient: Sendable, Equatable, Codable {
    /// The number as it was sent.
    public var mobile: String
    /// The provider's reason, as it gave it.
    public var reason: String

    /// A refusal of `mobile` for `reason`.
    public init(mobile: String, reason: String) {
        self.mobile = mobile
        self.reason = reason
    }
}

/// Why a chunk was not sent, and what that means for sending it again.
public struct DispatchError: Error, Sendable, CustomStringConvertible {
    /// Whether the request may have been carried out, which decides whether the chunk can be sent again.
    public typealias Kind = RequestDelivery

    /// Whether the request was not sent, may have been processed, or was refused.
    public var kind: Kind
    /// What went wrong, for the user (no secrets).
    public var message: String
    /// How long the provider asked to wait before the next attempt (its `Retry-After`), when it said.
    public var retryAfter: Duration?

    /// An error of `kind` saying `message`, with the provider's requested wait when it gave one.
    public init(_ kind: Kind, _ message: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    /// A provider's failure, classified as the provider classifies it.
    public init(_ failure: some ProviderFailure) {
        self.init(failure.delivery, failure.description, retryAfter: failure.retryAfter)
    }

    /// The message.
    public var description: String { message }
}

extension DispatchError: ClassifiedFailure {
    /// A chunk the provider refused or never received is the provider's or the network's failure (exit status 2).
    public var isContentError: Bool { false }
}
