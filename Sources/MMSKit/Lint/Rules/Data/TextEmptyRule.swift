/// A text item says something.
struct TextEmptyRule: LintRule {
    let description = LintRuleDescription(
        id: .textEmpty, category: "data", defaultSeverity: .error,
        summary: "A text item's data is not empty or only whitespace.",
        rationale:
            "ihuyi MMS API document: text data is the UTF-8 text shown; an empty text item is an empty page the carrier review rejects."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": ↓"  \n"}]]"#
                ))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.items.compactMap { item in
            guard let text = item.text, TextFile.isBlank(text) else { return nil }
            return LintFinding(
                "the text is empty; write the text or remove the item", at: document.dataLocation(of: item),
                path: document.dataPath(of: item))
        }
    }
}
