/// Sends a request again when the provider says it came too fast (HTTP 429, or a provider's own "too many
/// requests" code in a 200 answer): a throttled request was not processed, so resending is safe. Waits with
/// exponential backoff and full jitter (at least any `Retry-After`), at most `policy.maximumAttempts` in all;
/// the last answer is returned as is for the client to report.
public struct ThrottleRetryTransport: HTTPTransport {
    /// Sends each attempt.
    public var inner: any HTTPTransport
    /// How many attempts in all, and the backoff between them.
    public var policy: RetryPolicy
    /// Whether an answer is a throttling refusal.
    public var isThrottled: @Sendable (HTTPResponse) -> Bool
    /// Waits between attempts (tests record the waits instead).
    public var sleep: @Sendable (Duration) async -> Void

    /// A transport retrying throttled answers of `inner` under `policy` (by default, HTTP 429 counts as throttled).
    public init(
        wrapping inner: any HTTPTransport, policy: RetryPolicy = RetryPolicy(),
        isThrottled: @escaping @Sendable (HTTPResponse) -> Bool = { $0.status == 429 },
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.inner = inner
        self.policy = policy
        self.isThrottled = isThrottled
        self.sleep = sleep
    }

    /// Sends `request`, again after each throttled answer while `policy` allows, and returns the last answer.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            let response = try await inner.send(request)
            guard isThrottled(response), attempt < policy.maximumAttempts else { return response }
            let wait = max(policy.delay(beforeRetry: attempt, using: &generator), response.retryAfter ?? .zero)
            guard wait <= policy.maximumDelay else { return response }
            await sleep(wait)
            attempt += 1
        }
    }
}
