import Foundation
import MMSKit

/// Sends a recipient list chunk by chunk: every chunk is journaled (fsynced) before it is sent and after it is
/// answered; uncertain failures are retried with the SAME request_id where the provider de-duplicates them, so a
/// network failure never sends twice; a resumed run skips acknowledged chunks and re-sends pending ones under
/// their original request_id.
public struct CampaignRunner: Sendable {
    public var dispatcher: any BatchDispatcher
    public var retry: RetryPolicy
    /// Waits between retries (tests pass a clock that does not sleep).
    public var sleep: @Sendable (Duration) async -> Void
    public var now: @Sendable () -> Date

    public init(
        dispatcher: any BatchDispatcher, retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.dispatcher = dispatcher
        self.retry = retry
        self.sleep = sleep
        self.now = now
    }

    /// Runs (or continues) the campaign recorded in `journal`, reading numbers from `next` in chunks.
    /// - Parameters:
    ///   - next: returns up to `maxCount` further numbers of the list (empty at the end).
    ///   - resendUnknown: re-send chunks whose outcome is unknown (they may then be delivered twice).
    public func run(
        journal: SendJournal, resendUnknown: Bool = false,
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
            switch previous?.state {
            case .acknowledged:
                summary.skippedChunks += 1
                summary.accepted += previous?.accepted ?? phones.count
                if let taskID = previous?.taskID { summary.taskIDs.append(taskID) }
                onEvent(.skipped(chunk: index, count: phones.count, taskID: previous?.taskID))
                continue
            case .unknown where !resendUnknown:
                summary.failedChunk = index
                summary.failure =
                    "chunk \(index + 1) was sent but never answered and \(dispatcher.provider) does not de-duplicate requests: check its delivery reports, then resume with --resend-unknown only if it was not delivered"
                onEvent(.failed(chunk: index, reason: summary.failure!))
                return summary
            default:
                break
            }
            // A pending or unknown chunk from an interrupted run keeps its request_id, so the provider can
            // recognise it; a failed one (refused, or never sent) gets the next one of the chunk's ids.
            var generation = previous?.generation ?? 0
            var requestID: String
            switch previous?.state {
            case .pending?, .unknown?:
                requestID = previous!.requestID
                if previous!.state == .pending, dispatcher.deduplicatesRequests,
                    now().timeIntervalSince(previous!.at) > Double(dispatcher.deduplicationWindow.components.seconds)
                {
                    // Too old for the provider to remember: a new id, and the outcome reported as uncertain.
                    generation += 1
                    requestID = journal.requestID(chunk: index, generation: generation)
                }
            case .failed?:
                generation += 1
                requestID = journal.requestID(chunk: index, generation: generation)
            default:
                requestID = journal.requestID(chunk: index, generation: generation)
            }
            try journal.record(
                .init(
                    index: index, state: .pending, requestID: requestID, first: first, count: phones.count, at: now(),
                    generation: generation))
            var attempt = 1
            while true {
                onEvent(.sending(chunk: index, first: first, count: phones.count, attempt: attempt))
                let receipt: DispatchReceipt
                do {
                    receipt = try await dispatcher.dispatch(
                        phones, requestID: requestID, attempt: previous?.state == .pending ? attempt + 1 : attempt)
                } catch {
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
                    switch error.kind {
                    case .uncertain: state = dispatcher.deduplicatesRequests ? .pending : .unknown
                    case .notSent, .refused: state = .failed
                    }
                    try journal.record(
                        .init(
                            index: index, state: state, requestID: requestID, first: first, count: phones.count,
                            error: error.message, at: now(), generation: generation))
                    summary.failedChunk = index
                    summary.failure =
                        "chunk \(index + 1) (recipients \(first + 1)–\(first + phones.count)) failed after \(Plural.count(attempt, "attempt")): \(error.message)"
                    onEvent(.failed(chunk: index, reason: summary.failure!))
                    return summary
                }
                if !receipt.unaccounted.isEmpty {
                    // Part of the chunk is unaccounted for: never acknowledged, and the run stops, as for an
                    // unanswered chunk.
                    let numbers =
                        receipt.unaccounted.prefix(5).joined(separator: ", ")
                        + (receipt.unaccounted.count > 5 ? ", …" : "")
                    let failure =
                        "chunk \(index) (recipients \(first + 1)–\(first + phones.count)): \(dispatcher.provider)'s answer accounts for \(phones.count - receipt.unaccounted.count) of \(phones.count) numbers (\(receipt.accepted) accepted, \(receipt.rejected.count) rejected); delivery to the other \(receipt.unaccounted.count) (\(numbers)) is unknown: check the delivery reports (--resend-unknown would send the whole chunk again)"
                    try journal.record(
                        .init(
                            index: index, state: .unknown, requestID: requestID, first: first, count: phones.count,
                            taskID: receipt.taskID, accepted: receipt.accepted, rejected: receipt.rejected.count,
                            error: failure, at: now()))
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
                        generation: generation))
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
}
