import ArgumentParser
import MMSKit

/// `--title`, `--sign-name`, `--purpose`: override the manifest's template fields.
public struct TemplateFieldOptions: ParsableArguments {
    public init() {}

    @Option(help: "Template title (overrides the manifest).")
    public var title: String?

    @Option(help: "MMS signature, a company or shop name in 【】 (overrides the manifest).")
    public var signName: String?

    @Option(help: "Use case for the carrier review (overrides the manifest).")
    public var purpose: String?

    public var fields: TemplateFields { TemplateFields(title: title, signName: signName, purpose: purpose) }

    /// Fails with exit status 1 naming each missing field and where to set it.
    public func requireComplete(_ fields: TemplateFields, manifestLocation: String) throws {
        var missing: [Diagnostic] = []
        let required: [(key: String, flag: String, value: String?, rule: RuleID)] = [
            ("title", "--title", fields.title, .title), ("sign_name", "--sign-name", fields.signName, .signName),
            ("purpose", "--purpose", fields.purpose, .purpose),
        ]
        for (key, flag, value, rule) in required
        where value?.isEmpty ?? true {
            missing.append(
                Diagnostic(
                    .error, "a template needs \(key): add '\(key): …' to the manifest or pass \(flag)",
                    location: Diagnostic.Location(file: manifestLocation), ruleID: rule))
        }
        if !missing.isEmpty { throw ContentError(diagnostics: missing) }
    }
}
