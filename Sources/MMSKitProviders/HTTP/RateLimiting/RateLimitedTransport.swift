/// Lets no more than `limit` requests start in any sliding window of `period` (SendPulse allows 10 a second),
/// across all concurrent callers, in the order they arrived; a client uses it only when configured to.
///
/// With `countingUntilAnswered`, a request holds its place from its start until `period` after its answer
/// arrived: the server receives it somewhere in between, so no `period` of the server's own clock can see more
/// than `limit` arrivals, whatever the network's delays (at the cost of the answer time per window).
public struct RateLimitedTransport: HTTPTransport {
    /// Sends each request once its turn comes.
    public var inner: any HTTPTransport
    /// The most requests that may start in any `period`.
    public var limit: Int { window.limit }
    /// The length of the sliding window.
    public var period: Duration { window.period }
    /// Whether a request holds its place until `period` after its answer, not after its start.
    public var countsUntilAnswered: Bool { window.holdsUntilAnswered }
    private let window: SlidingWindow

    /// Waits on the continuous clock.
    public init(
        wrapping inner: any HTTPTransport, limit: Int, per period: Duration = .seconds(1),
        countingUntilAnswered: Bool = false
    ) {
        self.init(
            wrapping: inner, limit: limit, per: period, countingUntilAnswered: countingUntilAnswered,
            clock: ContinuousClock())
    }

    /// Waits on `clock` (tests pass one they move themselves).
    public init<C: Clock>(
        wrapping inner: any HTTPTransport, limit: Int, per period: Duration = .seconds(1),
        countingUntilAnswered: Bool = false, clock: C
    )
    where C.Duration == Duration {
        precondition(limit > 0, "a rate limit allows at least one request")
        precondition(period > .zero, "a rate limit needs a positive period")
        self.inner = inner
        let origin = clock.now
        window = SlidingWindow(
            limit: limit, period: period, holdsUntilAnswered: countingUntilAnswered,
            now: { origin.duration(to: clock.now) },
            sleep: { try await clock.sleep(until: origin.advanced(by: $0), tolerance: nil) })
    }

    /// A limiter counting against `other`'s window: requests through either start within one limit (a provider
    /// that allows N requests per account keeps every client of the process under N together).
    public init(wrapping inner: any HTTPTransport, sharingWindowOf other: RateLimitedTransport) {
        self.inner = inner
        window = other.window
    }

    /// - Throws: `TransportError` when the caller is cancelled while waiting for its turn (nothing was sent).
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        do {
            try await window.admit()
        } catch {
            throw TransportError(
                .other, "cancelled while waiting for the rate limit (\(limit) per \(period)); nothing was sent")
        }
        guard window.holdsUntilAnswered else { return try await inner.send(request) }
        do {
            let response = try await inner.send(request)
            await window.release()
            return response
        } catch {
            await window.release()
            throw error
        }
    }

    /// How many callers are waiting for their turn (for tests).
    func waitingCallers() async -> Int {
        await window.waitingCallers
    }
}

extension RateLimitedTransport {
    /// The start times of the requests in the current window, and the queue of callers waiting for a place.
    private actor SlidingWindow {
        let limit: Int
        let period: Duration
        nonisolated let holdsUntilAnswered: Bool
        /// Time since the clock's origin.
        private let now: @Sendable () -> Duration
        /// Sleeps until a time since the origin.
        private let sleep: @Sendable (Duration) async throws -> Void
        private var starts: [Duration] = []
        /// Requests admitted and not yet answered (with `holdsUntilAnswered`): they count until they are.
        private var held = 0
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(
            limit: Int, period: Duration, holdsUntilAnswered: Bool, now: @escaping @Sendable () -> Duration,
            sleep: @escaping @Sendable (Duration) async throws -> Void
        ) {
            self.limit = limit
            self.period = period
            self.holdsUntilAnswered = holdsUntilAnswered
            self.now = now
            self.sleep = sleep
        }

        var waitingCallers: Int { waiting.count + (busy ? 1 : 0) }

        /// Returns when the caller may start its request, first come first served.
        func admit() async throws {
            if busy {
                await withCheckedContinuation { waiting.append($0) }
            }
            busy = true
            defer { passTurn() }
            while true {
                try Task.checkCancellation()
                let time = now()
                starts.removeAll { $0 <= time - period }
                if starts.count + held < limit {
                    if holdsUntilAnswered { held += 1 } else { starts.append(time) }
                    return
                }
                // `starts` is in time order: enough of its oldest entries expire, or an answer must come first.
                let excess = starts.count + held - limit
                try await sleep(excess < starts.count ? starts[excess] + period : time + Self.answerPoll)
            }
        }

        /// How often a caller waiting only for answers looks again.
        static let answerPoll: Duration = .milliseconds(5)

        /// An admitted request was answered (or failed): its place is held for `period` from now.
        func release() {
            held -= 1
            starts.append(now())
        }

        /// Hands the turn to the longest-waiting caller (who then owns `busy`), or frees it.
        private func passTurn() {
            if waiting.isEmpty {
                busy = false
            } else {
                waiting.removeFirst().resume()
            }
        }
    }
}
