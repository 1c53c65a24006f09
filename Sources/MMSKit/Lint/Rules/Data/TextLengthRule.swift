/// A frame's text within the profile's length limit, where the profile sets one.
struct TextLengthRule: LintRule {
    let description = LintRuleDescription(
        id: .textLength, category: "data", defaultSeverity: .warning,
        summary: "Each text item has at most the profile's max_text_length characters (when set).",
        rationale:
            "ihuyi publishes no text limit, so the built-in profiles set none; set max_text_length in .mmskit.yml when your channel or design has one."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.marking(RuleExamples.validTemplate, before: #""春季新品上市"#),
                limits: ProfileLimits(maxTextLength: 5))
        ],
        nonTriggering: [
            .json(RuleExamples.validTemplate),
            .json(RuleExamples.validTemplate, limits: ProfileLimits(maxTextLength: 500)),
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let limit = context.profile.maxTextLength else { return [] }
        return document.texts.compactMap { item, text in
            guard text.count > limit else { return nil }
            return LintFinding(
                "the text has \(text.count) characters, more than \(limit) (\(context.profile.name) profile); shorten it or split it across frames",
                at: document.dataLocation(of: item), path: document.dataPath(of: item))
        }
    }
}
