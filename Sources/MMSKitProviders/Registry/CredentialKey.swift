import MMSKit

/// One setting a provider needs to authenticate: its key in `credentials.yml`, its `MMSKIT_<PROVIDER>_<KEY>`
/// environment variable and its command-line flag, all derived from the key's name.
public struct CredentialKey: Sendable, Hashable {
    /// The key in a provider's section of `credentials.yml`, e.g. `api_id`.
    public var name: String
    /// Whether the value is a secret: read into a `Secret`, never printed, and a flag for it draws a warning.
    public var isSecret: Bool
    /// What the value is, for help texts and "missing credentials" errors.
    public var summary: String

    /// A key named `name`, secret when `secret` is true, described by `summary`.
    public init(_ name: String, secret: Bool = false, summary: String) {
        self.name = name
        isSecret = secret
        self.summary = summary
    }

    /// The command-line flag, e.g. `--api-id`.
    public var flag: String { "--" + name.replacingOccurrences(of: "_", with: "-") }

    /// The environment variable for this key of `provider`, e.g. `MMSKIT_IHUYI_API_ID`.
    public func environmentVariable(provider: ProviderID) -> String {
        "MMSKIT_\(provider.rawValue.uppercased())_\(name.uppercased())"
    }

    /// `base_url`, which every provider takes (`--base-url`, `MMSKIT_<PROVIDER>_BASE_URL`).
    public static let baseURL = CredentialKey("base_url", summary: "the API's base URL (a sandbox or a proxy)")
}
