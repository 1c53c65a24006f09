/// Each item within the profile's per-item limit, where the profile sets one.
struct ItemSizeRule: LintRule {
    let description = LintRuleDescription(
        id: .itemSize, category: "size", defaultSeverity: .error,
        summary: "Each item (decoded) stays within the profile's max_item_bytes (when set).",
        rationale:
            "ihuyi publishes no per-file limit, so the ihuyi profile sets none; set max_item_bytes in .mmskit.yml when your channel has one."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.marking(RuleExamples.validTemplate, before: #""«png»"#),
                limits: ProfileLimits(maxItemBytes: 100))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let limit = context.profile.maxItemBytes else { return [] }
        return document.items.compactMap { item in
            let bytes = document.rawBytes(of: item)
            guard bytes > limit else { return nil }
            return LintFinding(
                "the \(item.conType ?? "item") is \(TotalSizeRule.kilobytes(bytes)), over the per-item limit of \(TotalSizeRule.kilobytes(limit)) (\(context.profile.name) profile)",
                at: document.dataLocation(of: item), path: document.dataPath(of: item))
        }
    }
}
