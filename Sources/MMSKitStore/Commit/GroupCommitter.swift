import Dispatch
import MMSKit
import Synchronization

/// The single writer of a store: `store` calls queue their records here, and one transaction at a time commits
/// everything queued so far (group commit), then answers every call of that batch. Concurrent calls thus share
/// one commit (one fsync) instead of paying one each; a call is answered only after the transaction holding its
/// records committed. One call's records are never split (they are stored together or not at all), but one call
/// never fails another: when a shared transaction fails, its calls are committed again in halves, down to single
/// calls, so only the call whose records the database refuses fails.
///
/// The queue is a `Mutex`, not an actor, and the store says where a transaction runs (``Commit``): a call queues
/// its records on its own thread; SQLite's transactions run on GRDB's writer queue, which takes the next group
/// itself the moment one commits; the calls of a committed group are answered from a queue of their own (`answers`),
/// off the writer's path. The actor this replaced cost every call a hop onto its executor, every transaction two
/// more (into the writer queue and back), and put the answers between two transactions, while the writer — the one
/// serial part of the receiver — waited for a CPU: one receipt per POST is 1.00–1.12× faster without it, in
/// side-by-side runs (Benchmarks/README.md).
final class GroupCommitter: Sendable {
    /// What a transaction returns: what became of each record, in order, or why nothing was stored.
    typealias Completion = @Sendable (Result<[StorageRules.Outcome], any Error>) -> Void
    /// Stores the records in one transaction, wherever the store runs it, and calls the completion once, after the
    /// commit (or the rollback). The committer starts the next transaction from the completion.
    typealias Commit = @Sendable (_ records: [PushRecord], _ completion: @escaping Completion) -> Void

    private struct Waiting: Sendable {
        var records: [PushRecord]
        var continuation: CheckedContinuation<StoreOutcome, any Error>
    }

    private struct State: ~Copyable {
        /// Calls queued for the next transaction.
        var queue: [Waiting] = []
        /// Halves of a failed batch, committed (first one first) before anything queued.
        var retries: [ArraySlice<Waiting>] = []
        var isCommitting = false
        var isClosed = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        var transactions = 0
        var observer: (@Sendable (CommitObservation) -> Void)?
    }

    private let commit: Commit
    /// A batch stops taking further calls once it holds this many records (a single call is never split).
    private let batchLimit: Int
    private let state = Mutex(State())
    /// Answers the calls of committed batches, off the thread that runs the transactions.
    private let answers = DispatchQueue(label: "mmskit.store.answers")

    /// A committer whose transactions `commit` runs where it chooses (SQLite: on its writer queue).
    init(batchLimit: Int = 5_000, commit: @escaping Commit) {
        self.batchLimit = batchLimit
        self.commit = commit
    }

    /// A committer whose transactions are async functions (PostgreSQL), each run in a task of its own.
    convenience init(
        batchLimit: Int = 5_000, transaction: @escaping @Sendable ([PushRecord]) async throws -> [StorageRules.Outcome]
    ) {
        self.init(batchLimit: batchLimit) { records, completion in
            Task {
                do {
                    completion(.success(try await transaction(records)))
                } catch {
                    completion(.failure(error))
                }
            }
        }
    }

    /// Calls `observer` after every transaction that commits (replacing any earlier observer).
    func observe(_ observer: @escaping @Sendable (CommitObservation) -> Void) {
        state.withLock { $0.observer = observer }
    }

    /// Calls queued for the next transaction.
    var waitingCalls: Int { state.withLock { $0.queue.count } }

    /// Transactions committed so far.
    var transactions: Int { state.withLock { $0.transactions } }

    /// Queues `records` and returns once the transaction holding them committed.
    /// - Throws: `PushPayloadError` at once, storing nothing, when a record holds U+0000 (NUL): neither store keeps
    ///   one (PostgreSQL cannot), so both refuse it the same way. `StoreError.closed` once the store is closing.
    func submit(_ records: [PushRecord]) async throws -> StoreOutcome {
        guard !records.isEmpty else {
            guard !state.withLock({ $0.isClosed }) else { throw StoreError.closed }
            return StoreOutcome()
        }
        for (index, record) in records.enumerated() {
            guard let field = record.fieldHoldingNUL else { continue }
            throw PushPayloadError(
                "record \(index + 1) of \(records.count) (\(record.kind.rawValue)): its \(field) holds a NUL character (U+0000), which no store keeps; nothing of this call was stored"
            )
        }
        return try await withCheckedThrowingContinuation { continuation in
            enum Queued { case closed, joined, first }
            let queued = state.withLock { state -> Queued in
                guard !state.isClosed else { return .closed }
                state.queue.append(Waiting(records: records, continuation: continuation))
                guard !state.isCommitting else { return .joined }
                state.isCommitting = true
                return .first
            }
            switch queued {
            case .closed: continuation.resume(throwing: StoreError.closed)
            case .joined: break
            case .first: commitNext()
            }
        }
    }

    /// Refuses new calls and waits until every queued call is answered.
    func close() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { state in
                state.isClosed = true
                guard state.isCommitting else { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            // After the answers of the last transaction, which may still be on their way.
            if idle { answers.async { continuation.resume() } }
        }
    }

    /// Takes the next batch (a failed batch's first half, else as many queued calls as the limit allows) and
    /// commits it; with nothing left, marks the committer idle and answers `close()`.
    private func commitNext() {
        enum Next {
            case batch(ArraySlice<Waiting>)
            /// Nothing left: the calls of `close()` waiting for this moment (only `close()` adds them, and no call
            /// is queued after it).
            case idle([CheckedContinuation<Void, Never>])
        }
        let next = state.withLock { state -> Next in
            if !state.retries.isEmpty { return .batch(state.retries.removeFirst()) }
            guard !state.queue.isEmpty else {
                state.isCommitting = false
                defer { state.idleWaiters = [] }
                return .idle(state.idleWaiters)
            }
            var count = 0
            var taken = 0
            while taken < state.queue.count, taken == 0 || count + state.queue[taken].records.count <= batchLimit {
                count += state.queue[taken].records.count
                taken += 1
            }
            guard taken < state.queue.count else {
                defer { state.queue = [] }
                return .batch(state.queue[...])
            }
            defer { state.queue.removeFirst(taken) }
            return .batch(state.queue[..<taken])
        }
        let batch: ArraySlice<Waiting>
        switch next {
        case .batch(let taken): batch = taken
        case .idle(let waiters):
            if !waiters.isEmpty { answers.async { for waiter in waiters { waiter.resume() } } }
            return
        }
        let records = batch.flatMap(\.records)
        let start = ContinuousClock.now
        commit(records) { result in
            self.finish(batch, records: records.count, start: start, result)
            self.commitNext()
        }
    }

    /// Answers the calls of a committed batch, or splits a failed one: halves are committed in order (so ids stay
    /// in arrival order), until the call that fails is alone. A group with one bad call of n costs about 2 log2 n
    /// transactions, and every other call is stored.
    private func finish(
        _ batch: ArraySlice<Waiting>, records: Int, start: ContinuousClock.Instant,
        _ result: Result<[StorageRules.Outcome], any Error>
    ) {
        switch result {
        case .success(let outcomes):
            let observer = state.withLock { state in
                state.transactions += 1
                return state.observer
            }
            observer?(CommitObservation(records: records, calls: batch.count, duration: .now - start))
            answers.async {
                var offset = 0
                for waiting in batch {
                    let own = outcomes[offset..<offset + waiting.records.count]
                    offset += waiting.records.count
                    waiting.continuation.resume(returning: StorageRules.tally(own))
                }
            }
        case .failure(let error):
            guard batch.count > 1 else {
                answers.async { for waiting in batch { waiting.continuation.resume(throwing: error) } }
                return
            }
            let middle = batch.startIndex + batch.count / 2
            state.withLock { $0.retries.insert(contentsOf: [batch[..<middle], batch[middle...]], at: 0) }
        }
    }
}
