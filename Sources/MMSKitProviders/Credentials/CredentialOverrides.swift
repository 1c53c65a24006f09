import Foundation

/// Values given on the command line; they win over the file and the environment.
public struct CredentialOverrides: Sendable {
    /// By credential key name (`api_id`, `master_secret`, …), for the provider the command talks to.
    public var values: [String: String]
    /// `--base-url`, for the provider the command talks to.
    public var baseURL: URL?

    /// Overrides with the given key values and base URL (none by default).
    public init(values: [String: String] = [:], baseURL: URL? = nil) {
        self.values = values
        self.baseURL = baseURL
    }
}
