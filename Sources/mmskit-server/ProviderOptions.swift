import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

/// Provider, endpoint and credential options shared by the provider commands. The providers, their credential
/// keys and what they can do come from `ProviderRegistry.standard`.
struct ProviderOptions: ParsableArguments {
    static let registry = ProviderRegistry.standard

    @Option(
        help: ArgumentHelp(
            "The provider: \(registry.entries.map { "\($0.description.id) (\($0.description.summary))" }.joined(separator: ", ")).",
            valueName: registry.ids.joined(separator: "|")),
        transform: { try ProviderOptions.registry.entry($0).description.id })
    /// The provider, parsed once in any letter case: commands branch on this, never on the text typed.
    var provider: ProviderID

    @Option(
        help: ArgumentHelp("Send requests here instead of the provider's API (a sandbox, a proxy).", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Credentials file (default: ~/.config/mmskit/credentials.yml).", valueName: "file"))
    var credentials: String?

    @Option(help: ArgumentHelp("Profile in the credentials file.", valueName: "name"))
    var credentialsProfile: String = "default"

    @Option(help: "ihuyi api_id (overrides MMSKIT_IHUYI_API_ID).")
    var apiID: String?

    @Option(help: "ihuyi or itniotech api_key. Prefer MMSKIT_<PROVIDER>_API_KEY: other users can read command lines.")
    var apiKey: String?

    @Option(help: "JPush app key (overrides MMSKIT_JPUSH_APP_KEY).")
    var appKey: String?

    @Option(help: "JPush master secret. Prefer MMSKIT_JPUSH_MASTER_SECRET: other users can read command lines.")
    var masterSecret: String?

    @Option(
        help: ArgumentHelp(
            "Any credential of the provider by its credentials.yml key (repeatable), e.g. --credential dev_key=…; secrets are better kept in the environment.",
            valueName: "key=value"))
    var credential: [String] = []

    /// The longest `--timeout`, in seconds.
    static let maximumTimeout: Double = 3600

    @Option(
        help: ArgumentHelp(
            "Seconds a request may take in all, fractions allowed (0 < seconds ≤ 3600).", valueName: "seconds"))
    var timeout: Double = 30

    @Flag(help: "Log each request (method, URL, status, time; never bodies or secrets) to stderr.")
    var verbose = false

    func validate() throws {
        if let baseURL, URL(string: baseURL)?.host == nil {
            throw ValidationError(
                "--base-url '\(URLRedaction.redact(baseURL))' is not a URL such as \(try entry().description.defaultBaseURL.absoluteString)"
            )
        }
        guard timeout.isFinite, timeout > 0, timeout <= Self.maximumTimeout else {
            throw ValidationError(
                "--timeout must be a number of seconds more than 0 and at most \(Int(Self.maximumTimeout)), such as 30 or 0.5; got \(timeout)"
            )
        }
        _ = try credentialFlags()
    }

    /// The registered provider `--provider` names.
    func entry() throws -> ProviderRegistry.Entry {
        guard let entry = Self.registry[provider] else { throw ValidationError("--provider: no provider \(provider)") }
        return entry
    }

    /// Refuses, as a usage error naming the provider, the providers that can and what this one can do instead,
    /// a provider that cannot do `capability`.
    func require(_ capability: ProviderCapability) throws {
        do {
            try entry().require(capability, registry: Self.registry)
        } catch let error as UnsupportedCapabilityError {
            throw ValidationError(error.description)
        }
    }

    /// The credentials given as flags, by key name; a key the provider does not have is a usage error.
    func credentialFlags() throws -> [String: String] {
        let description = try entry().description
        var values: [String: String] = [:]
        let named = [("api_id", apiID), ("api_key", apiKey), ("app_key", appKey), ("master_secret", masterSecret)]
        for (key, value) in named {
            guard let value else { continue }
            values[key] = value
        }
        for item in credential {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError(
                    "--credential takes key=value, e.g. --credential \(description.credentialKeys.first?.name ?? "key")=…"
                )
            }
            values[String(item[..<equals])] = String(item[item.index(after: equals)...])
        }
        let keys = description.credentialKeys.map(\.name)
        for key in values.keys.sorted() where !keys.contains(key) {
            let flag = CredentialKey(key, summary: "").flag
            throw ValidationError(
                "\(description.id) has no credential \(key) (\(flag)); its keys are \(keys.joined(separator: ", "))")
        }
        return values
    }

    /// The resolved settings; exits with status 2 for a broken credentials file.
    func settings() throws -> ProviderSettings {
        let description = try entry().description
        let flags = try credentialFlags()
        if flags.keys.contains(where: { description.key(named: $0)?.isSecret ?? false }) {
            StandardError.write(
                "warning: a secret given on the command line is visible to other users of this machine (ps); prefer the environment or the credentials file\n"
            )
        }
        let environment = ProcessInfo.processInfo.environment
        let overrides = CredentialOverrides(values: flags, baseURL: baseURL.flatMap(URL.init(string:)))
        do {
            let settings = try CredentialResolver.resolve(
                environment: environment,
                file: credentials ?? ProviderSettings.defaultCredentialsPath(environment: environment),
                fileIsRequired: credentials != nil, profile: credentialsProfile, overrides: overrides,
                provider: description,
                registry: Self.registry)
            for warning in settings.warnings { StandardError.write(DisplayText.escaped(warning) + "\n") }
            return settings
        } catch {
            StandardError.write("error: \(DisplayText.escaped("\(error)"))\n")
            throw CommandFailure.fail(CommandFailure.toolFailure, "\(error)")
        }
    }

    /// The transport: HTTP with --timeout as the deadline of each whole request, wrapped in a request log with
    /// --verbose.
    func transport() throws -> any HTTPTransport {
        let proxies = try ProxySettings()
        let http = HTTPClientTransport(timeout: timeout, proxies: proxies)
        return verbose
            ? LoggingTransport(wrapping: http) { StandardError.write(DisplayText.escaped($0) + "\n") } : http
    }

    /// The provider, as something that can do `capability` (exit 2 naming the providers that can, otherwise).
    func make<Capability>(
        _ capability: ProviderCapability, as type: Capability.Type, settings: ProviderSettings
    ) throws -> Capability {
        try entry().make(
            capability, as: type, connection: settings.connection(transport: try transport()),
            registry: Self.registry)
    }

    /// The ihuyi client, for the commands only ihuyi has.
    func ihuyiClient(_ settings: ProviderSettings) throws -> IhuyiClient {
        IhuyiProvider(connection: settings.connection(transport: try transport())).client
    }

    /// The JPush client, for the commands only JPush has.
    func jpushClient(_ settings: ProviderSettings) throws -> JPushClient {
        JPushProvider(connection: settings.connection(transport: try transport())).client
    }
}
