/// A provider answered HTTP 429 Too Many Requests: it did not process the request, so sending the same one
/// again later is safe; `retryAfter` is its `Retry-After`, when it gave one.
public struct RateLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider, as named in messages.
    public var provider: String
    /// The API call that was refused.
    public var endpoint: String
    /// How long the provider asked to wait (`Retry-After`); `nil` when it did not say.
    public var retryAfter: Duration?
    /// The provider's own words, when its body said something.
    public var detail: String

    /// The error for a 429 `response`; `detail` defaults to the start of its body.
    public init(provider: String, endpoint: String, response: HTTPResponse, detail: String? = nil) {
        self.provider = provider
        self.endpoint = endpoint
        retryAfter = response.retryAfter
        self.detail = detail ?? response.bodyPreview()
    }

    /// What was refused, that nothing was processed, and how long to wait.
    public var description: String {
        let wait = retryAfter.map { "retry after \($0.components.seconds) s" } ?? "slow down and retry later"
        return
            "\(provider) \(endpoint) is limiting the request rate (HTTP 429\(detail.isEmpty ? "" : ": \(detail)")); the request was not processed: \(wait)"
    }
}
