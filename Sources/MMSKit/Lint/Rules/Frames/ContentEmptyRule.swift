/// A message needs at least one frame.
struct ContentEmptyRule: LintRule {
    let description = LintRuleDescription(
        id: .contentEmpty, category: "frames", defaultSeverity: .error,
        summary: "The content has at least one frame.",
        rationale: "ihuyi MMS API document: content is the message; an empty array is an empty message.")
    let examples = LintExamples(
        triggering: [.json("↓[]"), .json(RuleExamples.template(content: "↓[]"))],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let content = document.contentValue, content.arrayValue?.isEmpty == true else { return [] }
        return [
            LintFinding(
                "content has no frames; add at least one frame", at: document.location(of: content), path: "content")
        ]
    }
}
