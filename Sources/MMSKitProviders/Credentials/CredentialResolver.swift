import Foundation
import MMSKit
import Yams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a provider's settings: the credentials file's profile, then `MMSKIT_<PROVIDER>_<KEY>` environment
/// variables, then flags. The keys come from the provider's `ProviderDescription`, so a new provider needs no
/// change here.
///
/// ```yaml
/// default:               # a profile; choose another with --credentials-profile
///   ihuyi:
///     api_id: C1234567
///     api_key: "…"
///     base_url: https://api.ihuyi.com
///   jpush:
///     app_key: "…"
///     master_secret: "…"
/// ```
public enum CredentialResolver {
    /// - Parameters:
    ///   - environment: the process environment, read for `MMSKIT_<PROVIDER>_<KEY>` (an empty value counts as unset).
    ///   - file: the credentials file; an unreadable or malformed one is an error.
    ///   - fileIsRequired: whether the user named `file` (`--credentials`): then it must exist and be a readable
    ///     regular file. The default file may be absent.
    ///   - profile: the profile of the file to read (`--credentials-profile`); one other than `default` must exist.
    ///   - overrides: the values given as flags, which win over the file and the environment.
    ///   - provider: the provider the command talks to; the flags in `overrides` are its.
    ///   - registry: the providers a credentials file may configure.
    public static func resolve(
        environment: [String: String], file: String?, fileIsRequired: Bool = false, profile: String = "default",
        overrides: CredentialOverrides = CredentialOverrides(), provider: ProviderDescription,
        registry: ProviderRegistry = .standard
    ) throws(CredentialError) -> ProviderSettings {
        var values: [String: [String: String]] = [:]
        var warnings: [String] = []
        if let file, fileIsRequired { try requireRegularFile(file) }
        if let file, FileManager.default.fileExists(atPath: file) {
            values = try readFile(file, profile: profile, registry: registry)
            var status = stat()
            if stat(file, &status) == 0, status.st_mode & 0o077 != 0 {
                warnings.append(
                    "warning: \(file) is readable by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run chmod 600 \(file)"
                )
            }
        } else if profile != "default" {
            throw .noProfile(file ?? "(no credentials file)", profile)
        }
        func pick(_ key: CredentialKey) -> String? {
            overrides.values[key.name] ?? environment[key.environmentVariable(provider: provider.id)].flatMap {
                $0.isEmpty ? nil : $0
            }
                ?? values[provider.id.rawValue]?[key.name]
        }
        var resolved: [String: String] = [:]
        for key in provider.credentialKeys { resolved[key.name] = pick(key) }
        var baseURL: URL?
        if let text = overrides.baseURL?.absoluteString ?? pick(.baseURL) {
            guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme),
                url.host != nil
            else {
                throw .badURL(provider.id.rawValue, text)
            }
            baseURL = url
        }
        var settings = ProviderSettings(
            credentials: ProviderCredentials(provider: provider, values: resolved), baseURL: baseURL)
        settings.warnings = warnings
        return settings
    }

    /// A file the user named must be there: a typo in `--credentials` must not silently fall back to the
    /// environment (and perhaps another account).
    private static func requireRegularFile(_ file: String) throws(CredentialError) {
        var status = stat()
        guard stat(file, &status) == 0 else {
            throw .missing(file, errno == ENOENT ? "it does not exist" : String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .missing(file, "it is not a regular file") }
        guard access(file, R_OK) == 0 else {
            throw .missing(file, "it cannot be read: \(String(cString: strerror(errno)))")
        }
    }

    private static func readFile(
        _ file: String, profile: String, registry: ProviderRegistry
    ) throws(CredentialError) -> [String: [String: String]] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadable(file, error.localizedDescription)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // Yams' messages quote the offending text, which may be a secret: report the position only.
            var line = 0
            if let yamlError = error as? YamlError {
                switch yamlError {
                case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                    line = mark.line
                default: break
                }
            }
            throw .malformed(file, line: line, "not valid YAML")
        }
        guard let profiles = root?.mapping else {
            throw .malformed(file, line: 1, "expected profiles (e.g. default:) at the top level")
        }
        guard let chosen = profiles[Node(profile)] else { throw .noProfile(file, profile) }
        guard let providers = chosen.mapping else {
            throw .malformed(
                file, line: chosen.mark?.line ?? 0,
                "profile \(profile) must map providers (\(registry.ids.joined(separator: ", "))) to their settings")
        }
        var result: [String: [String: String]] = [:]
        for (providerNode, settingsNode) in providers {
            let provider = providerNode.scalar?.string ?? ""
            guard let entry = try? registry.entry(provider), entry.description.id.rawValue == provider else {
                throw .malformed(
                    file, line: providerNode.mark?.line ?? 0,
                    "unknown provider '\(provider)' (\(registry.ids.joined(separator: ", ")))")
            }
            let known = entry.description.fileKeys.map(\.name)
            guard let mapping = settingsNode.mapping else {
                throw .malformed(
                    file, line: settingsNode.mark?.line ?? 0,
                    "\(provider) must be a mapping of \(known.joined(separator: ", "))")
            }
            for (keyNode, valueNode) in mapping {
                let key = keyNode.scalar?.string ?? ""
                guard known.contains(key) else {
                    throw .malformed(
                        file, line: keyNode.mark?.line ?? 0,
                        "unknown \(provider) key '\(key)' (\(known.joined(separator: ", ")))")
                }
                guard let value = valueNode.scalar?.string else {
                    throw .malformed(file, line: valueNode.mark?.line ?? 0, "\(provider).\(key) must be text")
                }
                result[provider, default: [:]][key] = value
            }
        }
        return result
    }
}

/// The credentials file or a setting cannot be used (never quotes a secret).
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The credentials file (first value) cannot be read, for the reason given.
    case unreadable(String, String)
    /// The file named with `--credentials` is not there, or is not a readable regular file.
    case missing(String, String)
    /// The credentials file (first value) is not what it should be at `line` (0 when unknown), for the reason given.
    case malformed(String, line: Int, String)
    /// The credentials file (first value) has no profile of the name given second.
    case noProfile(String, String)
    /// The provider's (first value) base URL, given second, is not an http(s) URL.
    case badURL(String, String)

    /// What cannot be used and how to fix it, naming the file (and line) but never a secret.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "cannot read the credentials file \(file): \(reason)"
        case .missing(let file, let reason):
            "the credentials file \(file) given with --credentials cannot be used: \(reason); check the path, or leave --credentials out to use ~/.config/mmskit/credentials.yml"
        case .malformed(let file, let line, let reason): "\(file)\(line > 0 ? ":\(line)" : ""): \(reason)"
        case .noProfile(let file, let profile): "\(file) has no profile '\(profile)'"
        case .badURL(let provider, let text):
            "the \(provider) base URL '\(URLRedaction.redact(text))' is not an http(s) URL"
        }
    }
}

extension CredentialError: ClassifiedFailure {
    /// Credentials that cannot be used are a failure of the setup (exit status 2).
    public var isContentError: Bool { false }
}
