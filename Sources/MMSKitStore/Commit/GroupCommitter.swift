import MMSKitProviders

/// The single writer of a store: `store` calls queue their records here, and one task commits everything queued
/// so far in one transaction (group commit), then answers every call of that batch. Concurrent calls thus share
/// one commit (one fsync) instead of paying one each; a call is answered only after the transaction holding its
/// records committed, and a failed transaction fails every call in it (nothing is half-stored).
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

    init(batchLimit: Int = 5_000, commit: @escaping Commit) {
        self.batchLimit = batchLimit
        self.commit = commit
    }

    /// Queues `records` and returns once the transaction holding them committed.
    func submit(_ records: [PushRecord]) async throws -> StoreOutcome {
        guard !isClosed else { throw StoreError.closed }
        guard !records.isEmpty else { return StoreOutcome() }
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
            do {
                let outcomes = try await commit(batch.flatMap(\.records))
                transactions += 1
                var offset = 0
                for waiting in batch {
                    let own = outcomes[offset..<offset + waiting.records.count]
                    offset += waiting.records.count
                    waiting.continuation.resume(returning: StorageRules.tally(own))
                }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
        isDraining = false
        for waiter in idleWaiters { waiter.resume() }
        idleWaiters = []
    }
}
