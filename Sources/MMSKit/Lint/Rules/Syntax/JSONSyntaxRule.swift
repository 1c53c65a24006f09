/// JSON must be well-formed; the parser's error is reported at its line and column.
struct JSONSyntaxRule: LintRule {
    let description = LintRuleDescription(
        id: .jsonSyntax, category: "syntax", defaultSeverity: .error,
        summary: "The file is well-formed JSON (RFC 8259), nested at most 128 levels.",
        rationale:
            "ihuyi and JPush take JSON bodies; a malformed body is rejected before any content check. The nesting limit is our own safety bound."
    )
    let examples = LintExamples(
        triggering: [
            .json(#"{"title": "a",↓}"#), .json(#"[[{"con_type": "text" ↓"ext_type": "txt"}]]"#),
            .json("[[[[" + String(repeating: "[", count: 200)),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    /// Syntax errors are found while parsing, before any rule runs; the engine reports them under this id.
    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] { [] }
}
