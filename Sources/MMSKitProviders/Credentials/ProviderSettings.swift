import Foundation

/// What is needed to talk to one provider: its credentials and base URL, resolved from the credentials file,
/// then the environment, then command-line flags (a later source wins).
public struct ProviderSettings: Sendable, CustomStringConvertible {
    public var credentials: ProviderCredentials
    public var baseURL: URL
    /// Things the user should know (a credentials file readable by others), never containing secrets.
    public var warnings: [String] = []

    public init(credentials: ProviderCredentials, baseURL: URL? = nil) {
        self.credentials = credentials
        self.baseURL = baseURL ?? credentials.provider.defaultBaseURL
    }

    public var provider: ProviderDescription { credentials.provider }

    /// The connection a provider is made with, sending through `transport`.
    public func connection(transport: any HTTPTransport) -> ProviderConnection {
        ProviderConnection(credentials: credentials, baseURL: baseURL, transport: transport)
    }

    public var description: String { "ProviderSettings(\(credentials) at \(URLRedaction.redact(baseURL)))" }

    /// The default credentials file, `~/.config/mmskit/credentials.yml` (or under `$XDG_CONFIG_HOME`).
    public static func defaultCredentialsPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return "\(base)/mmskit/credentials.yml"
    }
}
