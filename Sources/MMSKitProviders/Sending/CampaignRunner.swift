import Foundation
import MMSKit

/// Sends a recipient list chunk by chunk: every chunk is journaled (fsynced) before it is sent and after it is
/// answered. Only an answer that says "refused" is final; any other failure is uncertain, retried with the SAME
/// request_id where the provider de-duplicates them (so a network failure never sends twice) and otherwise left
/// `unknown`. A resumed run skips acknowledged chunks; a chunk an interrupted run left pending is re-sent under
/// its request_id while the provider still recognises it, and is `unknown` otherwise (sent again only with
/// `resendUnknown`).
public struct CampaignRunner: Sendable {
    /// Sends each chunk to the provider.
    public var dispatcher: any BatchDispatcher
    /// How often and how long apart an uncertain or not-sent chunk is tried again.
    public var retry: RetryPolicy
    /// Waits between retries (tests pass a clock that does not sleep).
    public var sleep: @Sendable (Duration) async -> Void
    /// The clock for journal records and for judging whether the provider still remembers a request_id.
    public var now: @Sendable () -> Date
    /// Called at every step between "recorded as about to send" and "recorded as answered" (crash tests stop
    /// the process there).
    public var checkpoint: @Sendable (CampaignCheckpoint) -> Void

    /// A runner that sends through `dispatcher`; the defaults sleep and read the real clock and ignore checkpoints.
    public init(
        dispatcher: any BatchDispatcher, retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() },
        checkpoint: @escaping @Sendable (CampaignCheckpoint) -> Void = { _ in }
    ) {
        self.dispatcher = dispatcher
        self.retry = retry
        self.sleep = sleep
        self.now = now
        self.checkpoint = checkpoint
    }

    /// Runs (or continues) the campaign recorded in `journal`, reading numbers from `next` in chunks.
    /// - Parameters:
    ///   - journal: the campaign's journal: its chunks already acknowledged are skipped, every new one recorded.
    ///   - next: returns up to `maxCount` further numbers of the list (empty at the end).
    ///   - resendUnknown: re-send chunks whose outcome is unknown (they may then be delivered twice).
    ///   - suppression: numbers to leave out of every chunk not sent yet (opt-outs), asked once per chunk just
    ///     before it is recorded as about to be sent; nil sends to every number.
    ///   - onEvent: told of each chunk as it is skipped, sent, retried, acknowledged or failed (the progress line).
    public func run(
        journal: SendJournal, resendUnknown: Bool = false, suppression: (any SuppressionList)? = nil,
        next: (_ maxCount: Int) throws -> [PhoneNumber],
        onEvent: (CampaignEvent) -> Void = { _ in }
    ) async throws -> CampaignSummary {
        try journal.lock()
        defer { journal.unlock() }
        var summary = CampaignSummary(
            chunks: 0, acknowledgedChunks: 0, skippedChunks: 0, accepted: 0, rejected: [], taskIDs: [])
        var generator = SystemRandomNumberGenerator()
        let size = journal.header.chunkSize
        var index = 0
        var first = 0
        while true {
            let phones = try next(size)
            if phones.isEmpty { break }
            defer {
                index += 1
                first += phones.count
            }
            summary.chunks += 1
            let previous = journal.chunks[index]
            if let previous {
                guard previous.first == first, previous.count == phones.count else {
                    throw SendJournalError.mismatch(
                        journal.path,
                        "chunk \(index + 1) covered recipients \(previous.first + 1)–\(previous.first + previous.count), the list now gives \(first + 1)–\(first + phones.count)"
                    )
                }
            }
            // Numbers on the suppression list are left out. A chunk whose request may have gone out (acknowledged,
            // pending, unknown) keeps the numbers it was recorded with; any other asks the list now, so an opt-out
            // that arrived mid-campaign applies to every chunk not sent yet.
            let suppressed: [String]
            if let previous, previous.state != .failed {
                suppressed = previous.suppressed ?? []
            } else if let suppression {
                let numbers = phones.map(\.digits)
                let found: Set<String>
                do {
                    found = try await suppression.suppressed(among: numbers)
                } catch {
                    throw SuppressionListError(
                        reason:
                            "chunk \(index + 1) (recipients \(first + 1)–\(first + phones.count)) was not sent: the suppression list could not be read (\(error)); resume with --resume \(journal.path) once it can"
                    )
                }
                suppressed = numbers.filter(found.contains)
            } else {
                suppressed = []
            }
            let left = Set(suppressed)
            let recipients = left.isEmpty ? phones : phones.filter { !left.contains($0.digits) }
            summary.suppressed += suppressed.count
            let leftOut = suppressed.isEmpty ? nil : suppressed
            if previous?.state == .acknowledged {
                summary.skippedChunks += 1
                summary.accepted += previous?.accepted ?? recipients.count
                if let taskID = previous?.taskID { summary.taskIDs.append(taskID) }
                onEvent(.skipped(chunk: index, count: phones.count, taskID: previous?.taskID))
                continue
            }
            var previousState = previous?.state
            if let previous, previous.state == .pending, !canResendUnanswered(previous) {
                // Recorded as about to be sent, and the run that sent it stopped (a crash, a kill, a power cut)
                // before its answer was recorded: it may have been carried out, and the provider cannot tell a
                // second request from a new one. Unknown, exactly like a lost answer in the same run.
                let failure = unknownOutcome(
                    chunk: index, first: first, count: phones.count,
                    because: unansweredReason(previous))
                try journal.record(
                    .init(
                        index: index, state: .unknown, requestID: previous.requestID, first: first,
                        count: phones.count, error: failure, at: now(), generation: previous.generation,
                        since: previous.firstSent, suppressed: leftOut))
                checkpoint(.recorded(chunk: index, state: .unknown))
                previousState = .unknown
                if !resendUnknown {
                    summary.failedChunk = index
                    summary.failure = failure
                    onEvent(.failed(chunk: index, reason: failure))
                    return summary
                }
            } else if previousState == .unknown && !resendUnknown {
                summary.failedChunk = index
                summary.failure =
                    previous?.error
                    ?? unknownOutcome(chunk: index, first: first, count: phones.count, because: "it was never answered")
                onEvent(.failed(chunk: index, reason: summary.failure!))
                return summary
            }
            if recipients.isEmpty {
                // Every number of the chunk opted out: nothing to send, and nothing that could be delivered.
                let receipt = DispatchReceipt(taskID: nil, accepted: 0)
                let generation = previous?.generation ?? 0
                let requestID = previous?.requestID ?? journal.requestID(chunk: index, generation: generation)
                try journal.record(
                    .init(
                        index: index, state: .acknowledged, requestID: requestID, first: first, count: phones.count,
                        accepted: 0, rejected: 0, at: now(), generation: generation, suppressed: leftOut))
                checkpoint(.recorded(chunk: index, state: .acknowledged))
                summary.acknowledgedChunks += 1
                onEvent(.acknowledged(chunk: index, receipt: receipt))
                continue
            }
            // A pending or unknown chunk keeps its request_id while the provider can still recognise it (or when it
            // does not de-duplicate, so the id means nothing to it); a failed one (refused, or never sent) gets the
            // next one of the chunk's ids, and so does one whose id the provider has forgotten (sent again only
            // with --resend-unknown).
            var generation = previous?.generation ?? 0
            var since = now()
            let requestID: String
            if let previous, previousState == .pending || previousState == .unknown,
                !dispatcher.deduplicatesRequests || canResendUnanswered(previous)
            {
                requestID = previous.requestID
                since = previous.firstSent
            } else {
                if previous != nil { generation += 1 }
                requestID = journal.requestID(chunk: index, generation: generation)
            }
            // Whether an earlier request under this request_id may have got through (a replay refusal is success).
            let reused = requestID == previous?.requestID
            try journal.record(
                .init(
                    index: index, state: .pending, requestID: requestID, first: first, count: phones.count, at: now(),
                    generation: generation, since: since, suppressed: leftOut))
            checkpoint(.recorded(chunk: index, state: .pending))
            var attempt = 1
            while true {
                onEvent(.sending(chunk: index, first: first, count: recipients.count, attempt: attempt))
                let receipt: DispatchReceipt
                do {
                    receipt = try await dispatcher.dispatch(
                        recipients, requestID: requestID, attempt: reused ? attempt + 1 : attempt)
                    checkpoint(.answered(chunk: index))
                } catch {
                    checkpoint(.answered(chunk: index))
                    let retryable =
                        error.kind == .notSent || (error.kind == .uncertain && dispatcher.deduplicatesRequests)
                    // A provider's Retry-After is waited for, unless it is longer than the policy ever waits.
                    let wait = max(retry.delay(beforeRetry: attempt, using: &generator), error.retryAfter ?? .zero)
                    if retryable && attempt < retry.maximumAttempts && wait <= retry.maximumDelay {
                        onEvent(.retrying(chunk: index, after: wait, reason: error.message))
                        await sleep(wait)
                        attempt += 1
                        continue
                    }
                    // Uncertain without de-duplication: maybe delivered. Uncertain with it: still pending, a
                    // resume re-sends under the same request_id. Refused or never sent: failed, nothing delivered.
                    let state: SendJournal.ChunkState
                    let failure: String
                    switch error.kind {
                    case .uncertain where !dispatcher.deduplicatesRequests:
                        state = .unknown
                        failure = unknownOutcome(
                            chunk: index, first: first, count: phones.count,
                            because: "no answer said whether its request was carried out (\(error.message))")
                    case .uncertain:
                        state = .pending
                        failure =
                            "chunk \(index + 1) (recipients \(first + 1)–\(first + phones.count)) is unanswered after \(Plural.count(attempt, "attempt")) under request_id \(requestID): \(error.message); \(dispatcher.provider) recognises that request_id for \(Self.hours(dispatcher.deduplicationWindow)), so resuming within that time sends it again safely (it cannot be delivered twice)"
                    case .notSent, .refused:
                        state = .failed
                        failure =
                            "chunk \(index + 1) (recipients \(first + 1)–\(first + phones.count)) failed after \(Plural.count(attempt, "attempt")): \(error.message)"
                    }
                    try journal.record(
                        .init(
                            index: index, state: state, requestID: requestID, first: first, count: phones.count,
                            error: state == .unknown ? failure : error.message, at: now(), generation: generation,
                            since: since, suppressed: leftOut))
                    checkpoint(.recorded(chunk: index, state: state))
                    summary.failedChunk = index
                    summary.failure = failure
                    onEvent(.failed(chunk: index, reason: failure))
                    return summary
                }
                if !receipt.unaccounted.isEmpty {
                    // Part of the chunk is unaccounted for: never acknowledged, and the run stops, as for an
                    // unanswered chunk.
                    let numbers =
                        receipt.unaccounted.prefix(5).joined(separator: ", ")
                        + (receipt.unaccounted.count > 5 ? ", …" : "")
                    let failure =
                        "chunk \(index + 1) (recipients \(first + 1)–\(first + phones.count)): \(dispatcher.provider)'s answer accounts for \(recipients.count - receipt.unaccounted.count) of \(recipients.count) numbers sent (\(receipt.accepted) accepted, \(receipt.rejected.count) rejected); delivery to the other \(receipt.unaccounted.count) (\(numbers)) is unknown: check the delivery reports (--resend-unknown would send the whole chunk again)"
                    try journal.record(
                        .init(
                            index: index, state: .unknown, requestID: requestID, first: first, count: phones.count,
                            taskID: receipt.taskID, accepted: receipt.accepted, rejected: receipt.rejected.count,
                            error: failure, at: now(), generation: generation, since: since, suppressed: leftOut,
                            rejections: receipt.rejected.isEmpty ? nil : receipt.rejected,
                            messageIDs: receipt.messageIDs))
                    checkpoint(.recorded(chunk: index, state: .unknown))
                    summary.accepted += receipt.accepted
                    summary.rejected += receipt.rejected
                    summary.unaccounted += receipt.unaccounted.count
                    summary.failedChunk = index
                    summary.failure = failure
                    onEvent(.failed(chunk: index, reason: failure))
                    return summary
                }
                try journal.record(
                    .init(
                        index: index, state: .acknowledged, requestID: requestID, first: first, count: phones.count,
                        taskID: receipt.taskID, accepted: receipt.accepted, rejected: receipt.rejected.count, at: now(),
                        generation: generation, since: since, suppressed: leftOut,
                        rejections: receipt.rejected.isEmpty ? nil : receipt.rejected,
                        messageIDs: receipt.messageIDs))
                checkpoint(.recorded(chunk: index, state: .acknowledged))
                summary.acknowledgedChunks += 1
                summary.accepted += receipt.accepted
                summary.rejected += receipt.rejected
                if let taskID = receipt.taskID { summary.taskIDs.append(taskID) }
                onEvent(.acknowledged(chunk: index, receipt: receipt))
                break
            }
        }
        return summary
    }

    /// How long before the end of the provider's de-duplication window a resend is still trusted to it: the
    /// resend's own retries and the network's delays happen inside the window too.
    public static let deduplicationMargin: Duration = .seconds(10 * 60)

    /// Whether a chunk recorded as about to be sent, and never answered, can be sent again under its request_id
    /// without any risk of a second delivery: only where the provider de-duplicates request_ids and still
    /// remembers this one (its first request left no earlier than `since`).
    func canResendUnanswered(_ chunk: SendJournal.Chunk) -> Bool {
        guard dispatcher.deduplicatesRequests else { return false }
        let age = now().timeIntervalSince(chunk.firstSent)
        let window = dispatcher.deduplicationWindow - Self.deduplicationMargin
        return age <= Double(window.components.seconds)
    }

    /// Why a chunk left pending by an earlier run cannot simply be sent again.
    func unansweredReason(_ chunk: SendJournal.Chunk) -> String {
        let since = chunk.firstSent.formatted(.iso8601)
        if dispatcher.deduplicatesRequests {
            return
                "its request \(chunk.requestID) may have left at \(since), and \(dispatcher.provider) recognises a request_id for only \(Self.hours(dispatcher.deduplicationWindow)), so a request sent now could be delivered a second time"
        }
        return
            "it was recorded as about to be sent at \(since) and the run stopped (killed, crashed or cut off) before its answer was recorded"
    }

    /// The one message for a chunk whose delivery is unknown: what happened, and what to do before resending.
    func unknownOutcome(chunk index: Int, first: Int, count: Int, because reason: String) -> String {
        let dedup =
            dispatcher.deduplicatesRequests
            ? "" : "; \(dispatcher.provider) does not de-duplicate requests, so mmskit will not send it again by itself"
        return
            "chunk \(index + 1) (recipients \(first + 1)–\(first + count)): the outcome is unknown — \(reason)\(dedup): check \(dispatcher.provider)'s delivery reports for these numbers, then resume with --resend-unknown only if they were not delivered (it sends the whole chunk again)"
    }

    static func hours(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds % 3600 == 0 ? Plural.count(Int(seconds / 3600), "hour") : Plural.count(Int(seconds), "second")
    }
}
