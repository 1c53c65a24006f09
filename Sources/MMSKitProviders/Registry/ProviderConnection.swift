import Foundation

/// What a provider client needs to talk to its API: the credentials, where the API is, and the transport.
public struct ProviderConnection: Sendable, CustomStringConvertible {
    public var credentials: ProviderCredentials
    public var baseURL: URL
    public var transport: any HTTPTransport

    public init(credentials: ProviderCredentials, baseURL: URL, transport: any HTTPTransport) {
        self.credentials = credentials
        self.baseURL = baseURL
        self.transport = transport
    }

    public var description: String { "\(credentials) at \(URLRedaction.redact(baseURL))" }
}
