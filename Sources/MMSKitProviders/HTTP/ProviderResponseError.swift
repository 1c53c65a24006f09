/// A provider answered with something the client cannot read: the status and the first bytes of the body.
public struct ProviderResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider, as named in messages.
    public var provider: String
    /// The API call that answered, e.g. `GET /v1/accounts/app`.
    public var endpoint: String
    /// The HTTP status of the answer.
    public var status: Int
    /// The first 200 bytes of the body as text (`…` when cut), to show what came instead.
    public var bodyPreview: String
    /// What the client could not read in it, e.g. "a body that is not JSON".
    public var reason: String

    /// The error for `response` to `endpoint`, keeping only its status and the start of its body.
    public init(provider: String, endpoint: String, response: HTTPResponse, reason: String) {
        self.provider = provider
        self.endpoint = endpoint
        status = response.status
        bodyPreview = response.bodyPreview()
        self.reason = reason
    }

    /// What the answer means for sending the request again: its status decides (`RequestDelivery(httpStatus:)`),
    /// so an unreadable 2xx answer is uncertain, never a refusal.
    public var delivery: RequestDelivery { RequestDelivery(httpStatus: status) }

    /// The provider, the call, the status, the reason and the start of the body, in one line.
    public var description: String {
        "\(provider) \(endpoint) answered HTTP \(status) with \(reason): \(bodyPreview.isEmpty ? "(empty body)" : bodyPreview)"
    }
}
