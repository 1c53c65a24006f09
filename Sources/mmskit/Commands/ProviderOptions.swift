import ArgumentParser
import Foundation
import MMSKit
import MMSKitProviders

/// Provider, endpoint and credential options shared by `balance`, `template` and `send`.
struct ProviderOptions: ParsableArguments {
    enum Provider: String, ExpressibleByArgument, CaseIterable {
        case ihuyi, jpush
    }

    @Option(help: "The provider: ihuyi (MMS) or jpush (JSMS).")
    var provider: Provider

    @Option(help: ArgumentHelp("Send requests here instead of the provider's API (a sandbox, a proxy).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Credentials file (default: ~/.config/mmskit/credentials.yml).", valueName: "file"))
    var credentials: String?

    @Option(help: ArgumentHelp("Profile in the credentials file.", valueName: "name"))
    var credentialsProfile: String = "default"

    @Option(help: "ihuyi api_id (overrides MMSKIT_IHUYI_API_ID).")
    var apiID: String?

    @Option(help: "ihuyi api_key. Prefer MMSKIT_IHUYI_API_KEY: other users can read command lines.")
    var apiKey: String?

    @Option(help: "JPush app key (overrides MMSKIT_JPUSH_APP_KEY).")
    var appKey: String?

    @Option(help: "JPush master secret. Prefer MMSKIT_JPUSH_MASTER_SECRET: other users can read command lines.")
    var masterSecret: String?

    /// The longest `--timeout`, in seconds.
    static let maximumTimeout: Double = 3600

    @Option(help: ArgumentHelp("Seconds a request may take in all, fractions allowed (0 < seconds ≤ 3600).", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(help: "Log each request (method, URL, status, time; never bodies or secrets) to stderr.")
    var verbose = false

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.host == nil {
            throw ValidationError("--base-url '\(URLRedaction.redact(baseURL))' is not a URL such as https://api.ihuyi.com")
        }
        guard timeout.isFinite, timeout > 0, timeout <= Self.maximumTimeout else {
            throw ValidationError("--timeout must be a number of seconds more than 0 and at most \(Int(Self.maximumTimeout)), such as 30 or 0.5; got \(timeout)")
        }
    }

    /// The resolved settings; exits with status 2 for a broken credentials file.
    func settings() throws -> ProviderSettings {
        if apiKey != nil || masterSecret != nil {
            StandardError.write("warning: a secret given on the command line is visible to other users of this machine (ps); prefer the environment or the credentials file\n")
        }
        let environment = ProcessInfo.processInfo.environment
        let overrides = CredentialOverrides(
            ihuyiAPIID: apiID, ihuyiAPIKey: apiKey.map(Secret.init), jpushAppKey: appKey,
            jpushMasterSecret: masterSecret.map(Secret.init), baseURL: baseURL.flatMap(URL.init(string:)))
        do {
            let settings = try CredentialResolver.resolve(
                environment: environment, file: credentials ?? ProviderSettings.defaultCredentialsPath(environment: environment),
                fileIsRequired: credentials != nil, profile: credentialsProfile, overrides: overrides, provider: provider.rawValue)
            for warning in settings.warnings { StandardError.write(DisplayText.escaped(warning) + "\n") }
            return settings
        } catch {
            StandardError.write("error: \(DisplayText.escaped("\(error)"))\n")
            throw CommandFailure.fail(CommandFailure.toolFailure, "\(error)")
        }
    }

    /// The transport: URLSession with --timeout as the deadline of each request, wrapped in a request log with
    /// --verbose.
    func transport() -> any HTTPTransport {
        let session = URLSessionTransport(requestTimeout: timeout, resourceTimeout: timeout)
        return verbose ? LoggingTransport(wrapping: session) { StandardError.write(DisplayText.escaped($0) + "\n") } : session
    }

    func ihuyiClient(_ settings: ProviderSettings) -> IhuyiClient {
        IhuyiClient(baseURL: settings.ihuyiBaseURL, transport: transport(), credentials: settings.ihuyi)
    }

    func jpushClient(_ settings: ProviderSettings) -> JPushClient {
        JPushClient(baseURL: settings.jpushBaseURL, transport: transport(), app: settings.jpushApp, developer: settings.jpushDeveloper)
    }
}
