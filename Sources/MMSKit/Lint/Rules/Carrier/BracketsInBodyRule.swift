/// 【】 belongs to the signature only.
struct BracketsInBodyRule: LintRule {
    let description = LintRuleDescription(
        id: .bracketsInBody, category: "carrier", defaultSeverity: .warning,
        summary: "Body text does not use 【】 (reserved for the signature).",
        rationale:
            "Carrier practice: handsets and reviews read 【…】 as the sender's signature; a second one in the body is treated as a forged or duplicate signature."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": ↓"【限时】新品上市。回T退订"}]]"#
                ))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.texts.compactMap { item, text in
            guard text.containsUTF8("【") || text.containsUTF8("】") else { return nil }
            return LintFinding(
                "the text uses 【】, which carriers reserve for the signature; use 「」 or [] instead",
                at: document.dataLocation(of: item), path: document.dataPath(of: item))
        }
    }
}
