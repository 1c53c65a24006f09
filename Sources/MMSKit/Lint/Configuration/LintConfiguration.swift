import Foundation
import Yams

/// What `.mmskit.yml` says: the provider profile and limit overrides, rule switches and severities, and
/// paths to leave out.
///
/// ```yaml
/// profile: ihuyi                 # or: conservative
/// limits:
///   max_total_bytes: 1048576
///   max_frames: 6
/// rules:
///   opt-out-line: off            # off | on | error | warning | note
///   links-in-text: error
/// exclude:
///   - "drafts/**"
/// opt_outs:                      # the replies the receiver takes as opt-outs (OptOutKeywords)
///   keywords: [T, TD, 退订, STOP]  # replaces the defaults
///   opt_in_keywords: [START]     # none by default
///   store: receipts.sqlite       # the list send leaves out and report reads (a path from this file, or postgres://…)
/// ```
public struct LintConfiguration: Sendable {
    /// The provider's limits the rules check against, with the `limits` overrides of the file applied.
    public var profile: ProviderProfile
    /// Per-rule overrides: a severity, or `nil` to turn the rule off.
    public var ruleSeverities: [RuleID: Diagnostic.Severity?]
    /// Paths the linter leaves out, from the `exclude` list.
    public var excludes: [GlobPattern]
    /// The replies `receipts serve` takes as opt-outs (and opt-ins), from `opt_outs`; the defaults otherwise.
    public var optOutKeywords = OptOutKeywords()
    /// The store holding the suppression list, from `opt_outs.store`, as written: what `send` leaves out and
    /// `report` reads when no `--db` is given. `optOutStore` resolves a relative path.
    public var optOutStoreSetting: String?
    /// The file it was read from (given with `--config` or found by `ConfigurationDiscovery`); nil for the
    /// defaults. An input of the command, which no output may replace.
    public var file: String?

    /// `opt_outs.store` as a `--db` value: a relative SQLite path is taken from the configuration file's
    /// directory (so the setting means the same store from any directory under it); a URL or an absolute path as
    /// written.
    public var optOutStore: String? {
        guard let setting = optOutStoreSetting else { return nil }
        guard !setting.contains("://"), !setting.hasPrefix("/"), let file else { return setting }
        let directory = (file as NSString).deletingLastPathComponent
        return directory.isEmpty ? setting : (directory as NSString).appendingPathComponent(setting)
    }

    /// The name of the configuration file, found by `ConfigurationDiscovery` from a directory upwards.
    public static let fileName = ".mmskit.yml"
    static let knownKeys = ["profile", "limits", "rules", "exclude", "opt_outs"]

    /// A configuration; the defaults are the ihuyi profile, every rule at its default severity, and nothing excluded.
    public init(
        profile: ProviderProfile = .ihuyi, ruleSeverities: [RuleID: Diagnostic.Severity?] = [:],
        excludes: [GlobPattern] = []
    ) {
        self.profile = profile
        self.ruleSeverities = ruleSeverities
        self.excludes = excludes
    }

    /// A configuration that runs only the named rules, at their default severities.
    public static func only(_ ids: [RuleID]) -> LintConfiguration {
        var severities: [RuleID: Diagnostic.Severity?] = [:]
        for id in LintRules.ids where !ids.contains(id) { severities[id] = .some(nil) }
        return LintConfiguration(ruleSeverities: severities)
    }

    /// The severity a rule reports at, or `nil` when it is turned off.
    public func severity(of rule: LintRuleDescription) -> Diagnostic.Severity? {
        if let override = ruleSeverities[rule.id] { return override }
        return rule.defaultSeverity
    }

    /// Reads `.mmskit.yml` text.
    /// - Throws: `ConfigurationError` naming every unknown key, wrong type or unknown rule id with its line.
    public init(yaml: String, file: String) throws(ConfigurationError) {
        var problems: [Diagnostic] = []
        func problem(_ message: String, _ node: Node?) {
            problems.append(
                Diagnostic(
                    .error, message,
                    location: Diagnostic.Location(file: file, line: node?.mark?.line, column: node?.mark?.column)))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            var location = Diagnostic.Location(file: file)
            var message = "\(error)"
            if let yamlError = error as? YamlError {
                switch yamlError {
                case .scanner(_, let text, let mark, _), .parser(_, let text, let mark, _),
                    .composer(_, let text, let mark, _):
                    location = Diagnostic.Location(file: file, line: mark.line, column: mark.column)
                    message = text
                default: break
                }
            }
            throw ConfigurationError(diagnostics: [
                Diagnostic(.error, "\(Self.fileName) is not valid YAML: \(message)", location: location)
            ])
        }
        self.init()
        self.file = file
        guard let root else { return }
        guard let mapping = root.mapping else {
            throw ConfigurationError(diagnostics: [
                Diagnostic(
                    .error, "the configuration must be a mapping with keys \(Self.knownKeys.joined(separator: ", "))",
                    location: Diagnostic.Location(file: file, line: root.mark?.line, column: root.mark?.column))
            ])
        }
        var limits = ProfileLimits()
        var profileName = "ihuyi"
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            switch key {
            case "profile":
                guard let name = value.scalar?.string, value.null == nil else {
                    problem(
                        "profile must be a name (\(ProviderProfile.builtIn.keys.sorted().joined(separator: ", ")))",
                        value)
                    continue
                }
                guard ProviderProfile.builtIn[name] != nil else {
                    problem(
                        "unknown profile '\(name)'; built-in profiles are \(ProviderProfile.builtIn.keys.sorted().joined(separator: ", "))",
                        value)
                    continue
                }
                profileName = name
            case "limits":
                limits = Self.parseLimits(value, problem: problem)
            case "rules":
                guard let rules = value.mapping else {
                    problem("rules must be a mapping of rule id to off, on, error, warning or note", value)
                    continue
                }
                for (idNode, settingNode) in rules {
                    let name = idNode.scalar?.string ?? ""
                    let id = RuleID(rawValue: name)
                    guard LintRules.rule(id: id) != nil else {
                        let near = LintRules.ids.map(\.rawValue).first {
                            $0.replacingOccurrences(of: "-", with: "")
                                == name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(
                                    of: "-", with: "")
                        }
                        problem(
                            "unknown rule '\(name)'\(near.map { "; did you mean '\($0)'?" } ?? ""); `mmskit rules` lists them",
                            idNode)
                        continue
                    }
                    switch settingNode.scalar?.string.lowercased() {
                    case "off", "false", "disable", "disabled": ruleSeverities[id] = .some(nil)
                    case "on", "true", "enable", "enabled": ruleSeverities[id] = nil
                    case "error": ruleSeverities[id] = .error
                    case "warning": ruleSeverities[id] = .warning
                    case "note": ruleSeverities[id] = .note
                    default: problem("rule '\(id)' must be off, on, error, warning or note", settingNode)
                    }
                }
            case "exclude":
                let nodes = value.sequence.map(Array.init) ?? (value.scalar != nil ? [value] : [])
                if nodes.isEmpty && value.sequence == nil { problem("exclude must be a list of path patterns", value) }
                for node in nodes {
                    guard let text = node.scalar?.string, !text.isEmpty else {
                        problem("exclude entries must be path patterns such as \"drafts/**\"", node)
                        continue
                    }
                    do {
                        excludes.append(try GlobPattern(text))
                    } catch {
                        problem("exclude pattern '\(text)' is not valid: \(error.localizedDescription)", node)
                    }
                }
            case "opt_outs":
                if let settings = Self.parseOptOuts(value, problem: problem) {
                    optOutKeywords = settings.keywords
                    optOutStoreSetting = settings.store
                }
            default:
                problem("unknown key '\(key)' (known keys: \(Self.knownKeys.joined(separator: ", ")))", keyNode)
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(diagnostics: problems) }
        profile = limits.applied(to: ProviderProfile.builtIn[profileName]!)
    }

    /// `opt_outs: {keywords: [...], opt_in_keywords: [...], store: …}`; nil (with the problems said) when it is
    /// not usable.
    private static func parseOptOuts(
        _ node: Node, problem: (String, Node?) -> Void
    ) -> (keywords: OptOutKeywords, store: String?)? {
        guard let mapping = node.mapping else {
            problem(
                "opt_outs must be a mapping with keywords and opt_in_keywords (lists of replies) and store (the list's store)",
                node)
            return nil
        }
        var optOut = OptOutKeywords.defaultOptOut
        var optIn = OptOutKeywords.defaultOptIn
        var store: String?
        var usable = true
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            if key == "store" {
                guard let text = value.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    problem(
                        "opt_outs.store must be the store's path (receipts.sqlite, from this file's directory) or a postgres:// URL",
                        value)
                    usable = false
                    continue
                }
                store = text
                continue
            }
            guard key == "keywords" || key == "opt_in_keywords" else {
                problem("unknown key '\(key)' in opt_outs (known keys: keywords, opt_in_keywords, store)", keyNode)
                usable = false
                continue
            }
            guard let items = value.sequence, let words = Optional(items.compactMap { $0.scalar?.string }),
                words.count == items.count
            else {
                problem("opt_outs.\(key) must be a list of replies, such as [T, 退订, STOP]", value)
                usable = false
                continue
            }
            if key == "keywords" { optOut = words } else { optIn = words }
        }
        guard usable else { return nil }
        do {
            return (try OptOutKeywords(optOut: optOut, optIn: optIn), store)
        } catch {
            problem("opt_outs: \(error.description)", node)
            return nil
        }
    }

    private static func parseLimits(_ node: Node, problem: (String, Node?) -> Void) -> ProfileLimits {
        var limits = ProfileLimits()
        guard let mapping = node.mapping else {
            problem("limits must be a mapping of \(ProfileLimits.keys.joined(separator: ", "))", node)
            return limits
        }
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            func integer() -> Int? {
                guard let number = value.int, number >= 0 else {
                    problem("\(key) must be a whole number ≥ 0", value)
                    return nil
                }
                return number
            }
            switch key {
            case "max_total_bytes": limits.maxTotalBytes = integer()
            case "max_item_bytes": limits.maxItemBytes = integer()
            case "max_frames": limits.maxFrames = integer()
            case "max_title_length": limits.maxTitleLength = integer()
            case "max_text_length": limits.maxTextLength = integer()
            case "max_image_width": limits.maxImageWidth = integer()
            case "max_image_height": limits.maxImageHeight = integer()
            case "max_recipients": limits.maxRecipients = integer()
            case "max_video_width": limits.maxVideoWidth = integer()
            case "max_video_height": limits.maxVideoHeight = integer()
            case "max_frame_rate":
                if let rate = value.float, rate > 0, rate.isFinite {
                    limits.maxFrameRate = rate
                } else {
                    problem("max_frame_rate must be a number of frames per second > 0", value)
                }
            case "max_duration_seconds":
                if let seconds = value.float, seconds > 0 {
                    limits.maxDurationSeconds = seconds
                } else {
                    problem("max_duration_seconds must be a number of seconds > 0", value)
                }
            case "sign_name_required":
                if let flag = value.bool {
                    limits.signNameRequired = flag
                } else {
                    problem("sign_name_required must be true or false", value)
                }
            case "allowed_formats":
                let names = value.sequence.map { $0.compactMap { $0.scalar?.string } } ?? []
                let formats = names.compactMap { MediaExtension(caseInsensitive: $0)?.format }
                if value.sequence == nil || formats.count != names.count || names.isEmpty {
                    problem("allowed_formats must be a list drawn from \(MediaExtension.acceptedList)", value)
                } else {
                    limits.allowedFormats = Array(Set(formats)).sorted { $0.rawValue < $1.rawValue }
                }
            default:
                problem("unknown limit '\(key)' (known: \(ProfileLimits.keys.joined(separator: ", ")))", keyNode)
            }
        }
        return limits
    }

    /// Reads a configuration file.
    /// - Throws: `ConfigurationError` for a file that cannot be read (the message names why) or is not valid.
    public static func load(path: String) throws(ConfigurationError) -> LintConfiguration {
        let data: Data
        do {
            data = try FileReader.read(path)
        } catch {
            throw ConfigurationError(diagnostics: [Diagnostic(.error, error.description)])
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw ConfigurationError(diagnostics: [
                Diagnostic(.error, "\(fileName) is not UTF-8", location: Diagnostic.Location(file: path))
            ])
        }
        var configuration = try LintConfiguration(yaml: text, file: path)
        configuration.file = path
        return configuration
    }
}
