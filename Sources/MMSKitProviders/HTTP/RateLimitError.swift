/// A provider answered HTTP 429 Too Many Requests: it did not process the request, so sending the same one
/// again later is safe; `retryAfter` is its `Retry-After`, when it gave one.
public struct RateLimitError: Error, Sendable, Equatable, CustomStringConvertible {
    public var provider: String
    public var endpoint: String
    public var retryAfter: Duration?
    /// The provider's own words, when its body said something.
    public var detail: String

    public init(provider: String, endpoint: String, response: HTTPResponse, detail: String? = nil) {
        self.provider = provider
        self.endpoint = endpoint
        retryAfter = response.retryAfter
        self.detail = detail ?? response.bodyPreview()
    }

    public var description: String {
        let wait = retryAfter.map { "retry after \($0.components.seconds) s" } ?? "slow down and retry later"
        return
            "\(provider) \(endpoint) is limiting the request rate (HTTP 429\(detail.isEmpty ? "" : ": \(detail)")); the request was not processed: \(wait)"
    }
}
