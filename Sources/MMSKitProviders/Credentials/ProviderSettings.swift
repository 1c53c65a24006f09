import Foundation

/// What is needed to talk to one provider: its credentials and base URL, resolved from the credentials file,
/// then the environment, then command-line flags (a later source wins).
public struct ProviderSettings: Sendable, CustomStringConvertible {
    /// The provider's credential values, merged from the file, the environment and the flags.
    public var credentials: ProviderCredentials
    /// Where the provider's API is: `base_url` or `--base-url` when given, its default otherwise.
    public var baseURL: URL
    /// Things the user should know (a credentials file readable by others), never containing secrets.
    public var warnings: [String] = []

    /// Settings with `credentials`, talking to `baseURL` or, when it is `nil`, the provider's default.
    public init(credentials: ProviderCredentials, baseURL: URL? = nil) {
        self.credentials = credentials
        self.baseURL = baseURL ?? credentials.provider.defaultBaseURL
    }

    /// The provider the settings are for.
    public var provider: ProviderDescription { credentials.provider }

    /// The connection a provider is made with, sending through `transport`.
    public func connection(transport: any HTTPTransport) -> ProviderConnection {
        ProviderConnection(credentials: credentials, baseURL: baseURL, transport: transport)
    }

    /// The provider, the credential keys that are set and the base URL, with no secret and no URL credentials.
    public var description: String { "ProviderSettings(\(credentials) at \(URLRedaction.redact(baseURL)))" }

    /// The default credentials file, `~/.config/mmskit/credentials.yml` (or under `$XDG_CONFIG_HOME`).
    public static func defaultCredentialsPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return "\(base)/mmskit/credentials.yml"
    }
}
