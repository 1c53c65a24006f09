import Foundation

/// Finds the `.mmskit.yml` that applies to a run: the nearest one from a directory upwards, stopping at the
/// repository root (the directory holding `.git`). `mmskit lint` and the lint gate of `template create` and
/// `send` use this one search, so they always check with the same settings.
public enum ConfigurationDiscovery {
    /// The path of the nearest configuration file (relative to `directory` when it lies under it), or nil.
    public static func find(from directory: String = FileManager.default.currentDirectoryPath) -> String? {
        var current = URL(fileURLWithPath: directory)
        while true {
            let candidate = current.appendingPathComponent(LintConfiguration.fileName).path
            if FileManager.default.fileExists(atPath: candidate) {
                return candidate.hasPrefix(directory + "/")
                    ? String(candidate.dropFirst(directory.count + 1)) : candidate
            }
            let isRepositoryRoot = FileManager.default.fileExists(atPath: current.appendingPathComponent(".git").path)
            let parent = current.deletingLastPathComponent()
            if isRepositoryRoot || parent.path == current.path { return nil }
            current = parent
        }
    }

    /// The configuration from `path` when given, else from the nearest file, else the defaults; `profile`
    /// (a built-in profile name) replaces the configured profile's limits.
    /// - Throws: `ConfigurationError` for a file that cannot be read or is not valid, or an unknown profile.
    public static func load(path: String?, profile: String? = nil) throws(ConfigurationError) -> LintConfiguration {
        var configuration = LintConfiguration()
        if let file = path ?? find() { configuration = try LintConfiguration.load(path: file) }
        if let profile {
            guard let builtIn = ProviderProfile.builtIn[profile] else {
                throw ConfigurationError(diagnostics: [
                    Diagnostic(
                        .error,
                        "unknown profile '\(profile)'; choose one of \(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))"
                    )
                ])
            }
            configuration.profile = ProfileLimits().applied(to: builtIn)
        }
        return configuration
    }
}
