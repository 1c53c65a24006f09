import ArgumentParser
import MMSKit

/// `--config` and `--profile`: the lint settings, shared by `lint` and the lint gate of `template create` and
/// `send`, so that the gate checks exactly as `mmskit lint` would.
public struct LintConfigurationOptions: ParsableArguments {
    public init() {}

    @Option(help: ArgumentHelp("Configuration file (default: .mmskit.yml, searched upwards).", valueName: "file"))
    public var config: String?

    @Option(
        help: ArgumentHelp(
            "Provider profile, overriding the configuration (\(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))).",
            valueName: "name"))
    public var profile: String?

    public func validate() throws {
        if let profile, ProviderProfile.builtIn[profile] == nil {
            throw ValidationError(
                "unknown profile '\(profile)'; choose one of \(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))"
            )
        }
    }

    /// The configuration from --config, or the nearest .mmskit.yml up to the repository root, with --profile
    /// applied; exits with status 2 when it cannot be read or is invalid.
    public func load() throws -> LintConfiguration {
        try ConfigurationDiscovery.load(path: config, profile: profile)
    }
}
