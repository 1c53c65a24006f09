import Foundation

/// Bounded retries with exponential backoff and full jitter: attempt n waits a random time up to
/// `min(maximumDelay, baseDelay × 2ⁿ)`.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maximumAttempts: Int
    /// The ceiling of the first retry's wait, doubled for each further retry.
    public var baseDelay: Duration
    /// The most any wait can reach, however many retries.
    public var maximumDelay: Duration

    /// A policy; `maximumAttempts` is at least 1 (no retry).
    public init(
        maximumAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(8)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The wait before retry number `retry` (1-based).
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(retry - 1, 20)
        let ceiling = min(maximumDelay, baseDelay * (1 << exponent))
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        return .nanoseconds(Int64.random(in: 0...max(0, nanoseconds), using: &generator))
    }
}
