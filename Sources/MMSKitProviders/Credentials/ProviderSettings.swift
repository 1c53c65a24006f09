import Foundation

/// Everything needed to talk to the providers: credentials and base URLs, resolved from the credentials file,
/// then the environment, then command-line flags (a later source wins).
public struct ProviderSettings: Sendable, CustomStringConvertible {
    public var ihuyi: IhuyiCredentials?
    public var ihuyiBaseURL: URL
    public var jpushApp: JPushCredentials?
    public var jpushDeveloper: JPushDeveloperCredentials?
    public var jpushBaseURL: URL
    /// Things the user should know (a credentials file readable by others), never containing secrets.
    public var warnings: [String] = []

    public init(
        ihuyi: IhuyiCredentials? = nil, ihuyiBaseURL: URL = IhuyiClient.defaultBaseURL, jpushApp: JPushCredentials? = nil,
        jpushDeveloper: JPushDeveloperCredentials? = nil, jpushBaseURL: URL = JPushClient.defaultBaseURL
    ) {
        self.ihuyi = ihuyi
        self.ihuyiBaseURL = ihuyiBaseURL
        self.jpushApp = jpushApp
        self.jpushDeveloper = jpushDeveloper
        self.jpushBaseURL = jpushBaseURL
    }

    public var description: String {
        "ProviderSettings(ihuyi: \(ihuyi?.apiID ?? "none") at \(URLRedaction.redact(ihuyiBaseURL)), jpush app: \(jpushApp?.appKey ?? "none"), developer: \(jpushDeveloper?.devKey ?? "none") at \(URLRedaction.redact(jpushBaseURL)))"
    }

    /// The default credentials file, `~/.config/mmskit/credentials.yml` (or under `$XDG_CONFIG_HOME`).
    public static func defaultCredentialsPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return "\(base)/mmskit/credentials.yml"
    }
}
