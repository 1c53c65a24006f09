/// A provider answered with something the client cannot read: the status and the first bytes of the body.
public struct ProviderResponseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var provider: String
    public var endpoint: String
    public var status: Int
    public var bodyPreview: String
    public var reason: String

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

    public var description: String {
        "\(provider) \(endpoint) answered HTTP \(status) with \(reason): \(bodyPreview.isEmpty ? "(empty body)" : bodyPreview)"
    }
}
