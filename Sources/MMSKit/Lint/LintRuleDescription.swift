/// What a lint rule is, for `mmskit rules` and for report formats that carry rule metadata (SARIF).
public struct LintRuleDescription: Sendable, Hashable, Codable {
    /// Stable kebab-case id, e.g. `media-type-mismatch`.
    public var id: RuleID
    /// Group the rule belongs to (syntax, shape, frames, data, media, size, fields, recipients, carrier).
    public var category: String
    /// The severity the rule reports at unless `.mmskit.yml` changes it.
    public var defaultSeverity: Diagnostic.Severity
    /// One line: what the rule checks.
    public var summary: String
    /// Why the rule exists and where it comes from (the provider doc, carrier practice, our own safety).
    public var rationale: String

    /// The description of rule `id`.
    public init(id: RuleID, category: String, defaultSeverity: Diagnostic.Severity, summary: String, rationale: String)
    {
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.summary = summary
        self.rationale = rationale
    }
}
