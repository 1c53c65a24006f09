/// Lets no more than `limit` requests start in any sliding window of `period` (SendPulse allows 10 a second),
/// across all concurrent callers, in the order they arrived; a client uses it only when configured to.
public struct RateLimitedTransport: HTTPTransport {
    public var inner: any HTTPTransport
    public var limit: Int { window.limit }
    public var period: Duration { window.period }
    private let window: SlidingWindow

    /// Waits on the continuous clock.
    public init(wrapping inner: any HTTPTransport, limit: Int, per period: Duration = .seconds(1)) {
        self.init(wrapping: inner, limit: limit, per: period, clock: ContinuousClock())
    }

    /// Waits on `clock` (tests pass one they move themselves).
    public init<C: Clock>(wrapping inner: any HTTPTransport, limit: Int, per period: Duration = .seconds(1), clock: C)
    where C.Duration == Duration {
        precondition(limit > 0, "a rate limit allows at least one request")
        precondition(period > .zero, "a rate limit needs a positive period")
        self.inner = inner
        let origin = clock.now
        window = SlidingWindow(
            limit: limit, period: period,
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
        return try await inner.send(request)
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
        /// Time since the clock's origin.
        private let now: @Sendable () -> Duration
        /// Sleeps until a time since the origin.
        private let sleep: @Sendable (Duration) async throws -> Void
        private var starts: [Duration] = []
        private var busy = false
        private var waiting: [CheckedContinuation<Void, Never>] = []

        init(
            limit: Int, period: Duration, now: @escaping @Sendable () -> Duration,
            sleep: @escaping @Sendable (Duration) async throws -> Void
        ) {
            self.limit = limit
            self.period = period
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
                if starts.count < limit {
                    starts.append(time)
                    return
                }
                try await sleep(starts[starts.count - limit] + period)
            }
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
