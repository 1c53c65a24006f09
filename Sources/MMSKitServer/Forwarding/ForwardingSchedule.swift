/// When a forwarded record that was not answered 2xx is tried again: capped exponential backoff, the wait
/// doubling from `first` up to `cap`, then every `cap`, until the user's application takes it. The default
/// (5 s, 10 s, 20 s … 20 min 40 s, then every 30 min) is our choice: the providers publish none for this.
public struct ForwardingSchedule: Sendable, Hashable {
    /// The wait after the first failed attempt.
    public var first: Duration
    /// The longest wait, never less than `first`.
    public var cap: Duration

    /// A schedule doubling from `first` up to `cap` (raised to `first` when smaller).
    public init(first: Duration = .seconds(5), cap: Duration = .seconds(1800)) {
        self.first = first
        self.cap = max(first, cap)
    }

    /// The wait after failed attempt number `attempt` (1 for the first try).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let doublings = min(max(0, attempt - 1), 30)
        let seconds = first.components.seconds << doublings
        return seconds >= cap.components.seconds || seconds <= 0 ? cap : .seconds(seconds)
    }
}
