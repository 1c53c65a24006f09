import MMSKit

/// The single writer of a store: `store` calls queue their records here, and one task commits everything queued
/// so far in one transaction (group commit), then answers every call of that batch. Concurrent calls thus share
/// one commit (one fsync) instead of paying one each; a call is answered only after the transaction holding its
/// records committed. One call's records are never split (they are stored together or not at all), but one call
/// never fails another: when a shared transaction fails, its calls are committed again in halves, down to single
/// calls, so only the call whose records the database refuses fails.
actor GroupCommitter {
    /// Stores the records in one transaction and says what became of each, in order.
    typealias Commit = @Sendable ([PushRecord]) async throws -> [StorageRules.Outcome]

    private struct Waiting {
        var records: [PushRecord]
        var continuation: CheckedContinuation<StoreOutcome, any Error>
    }

    private let commit: Commit
    /// A batch stops taking further calls once it holds this many records (a single call is never split).
    private let batchLimit: Int
    private var queue: [Waiting] = []
    private var isDraining = false
    private var isClosed = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var transactions = 0
    private var observer: (@Sendable (CommitObservation) -> Void)?

    /// Calls `observer` after every transaction that commits (replacing any earlier observer).
    func observe(_ observer: @escaping @Sendable (CommitObservation) -> Void) {
        self.observer = observer
    }

    /// Calls queued for the next transaction.
    var waitingCalls: Int { queue.count }

    init(batchLimit: Int = 5_000, commit: @escaping Commit) {
        self.batchLimit = batchLimit
        self.commit = commit
    }

    /// Queues `records` and returns once the transaction holding them committed.
    /// - Throws: `PushPayloadError` at once, storing nothing, when a record holds U+0000 (NUL): neither store keeps
    ///   one (PostgreSQL cannot), so both refuse it the same way.
    func submit(_ records: [PushRecord]) async throws -> StoreOutcome {
        guard !isClosed else { throw StoreError.closed }
        guard !records.isEmpty else { return StoreOutcome() }
        for (index, record) in records.enumerated() {
            guard let field = record.fieldHoldingNUL else { continue }
            throw PushPayloadError(
                "record \(index + 1) of \(records.count) (\(record.kind.rawValue)): its \(field) holds a NUL character (U+0000), which no store keeps; nothing of this call was stored"
            )
        }
        return try await withCheckedThrowingContinuation { continuation in
            queue.append(Waiting(records: records, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    /// Refuses new calls and waits until every queued call is answered.
    func close() async {
        isClosed = true
        guard isDraining else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func drain() async {
        while !queue.isEmpty {
            var count = 0
            var taken = 0
            while taken < queue.count, taken == 0 || count + queue[taken].records.count <= batchLimit {
                count += queue[taken].records.count
                taken += 1
            }
            let batch = Array(queue.prefix(taken))
            queue.removeFirst(taken)
            await commitIsolating(batch[...])
        }
        isDraining = false
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters = []
    }

    /// Commits the calls in one transaction and answers each; when it fails, commits each half on its own (in
    /// order, so ids stay in arrival order), until the call that fails is alone: a group with one bad call of n
    /// costs about 2 log2 n transactions, and every other call is stored.
    private func commitIsolating(_ batch: ArraySlice<Waiting>) async {
        do {
            let records = batch.flatMap(\.records)
            let start = ContinuousClock.now
            let outcomes = try await commit(records)
            transactions += 1
            observer?(CommitObservation(records: records.count, calls: batch.count, duration: .now - start))
            var offset = 0
            for waiting in batch {
                let own = outcomes[offset..<offset + waiting.records.count]
                offset += waiting.records.count
                waiting.continuation.resume(returning: StorageRules.tally(own))
            }
        } catch {
            guard batch.count > 1 else {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
                return
            }
            let middle = batch.startIndex + batch.count / 2
            await commitIsolating(batch[..<middle])
            await commitIsolating(batch[middle...])
        }
    }
}
