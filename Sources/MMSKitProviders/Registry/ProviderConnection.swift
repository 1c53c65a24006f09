import Foundation

/// What a provider client needs to talk to its API: the credentials, where the API is, and the transport.
public struct ProviderConnection: Sendable, CustomStringConvertible {
    /// The provider's resolved credential values.
    public var credentials: ProviderCredentials
    /// Where the provider's API is.
    public var baseURL: URL
    /// Sends the client's requests (the CLI's `HTTPClientTransport`, a test's fake).
    public var transport: any HTTPTransport

    /// A connection with the given credentials, API and transport.
    public init(credentials: ProviderCredentials, baseURL: URL, transport: any HTTPTransport) {
        self.credentials = credentials
        self.baseURL = baseURL
        self.transport = transport
    }

    /// The provider, the keys that are set and the base URL, with no secret.
    public var description: String { "\(credentials) at \(URLRedaction.redact(baseURL))" }
}
