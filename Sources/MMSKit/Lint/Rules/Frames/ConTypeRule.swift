/// con_type is one of the four the API knows.
struct ConTypeRule: LintRule {
    let description = LintRuleDescription(
        id: .conType, category: "frames", defaultSeverity: .error,
        summary: "con_type is text, image, audio or video.",
        rationale: "ihuyi MMS API document: con_type takes text, image, audio, video.")
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": ↓"sticker", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.items.compactMap { item in
            guard let conType = item.conType, ContentType(rawValue: conType) == nil else { return nil }
            let suggestion =
                ContentType(rawValue: conType.lowercased()).map { "; write it in lower case: \($0.rawValue)" }
                ?? "; use text, image, audio or video"
            return LintFinding(
                "con_type \"\(conType)\" is unknown\(suggestion)", at: item.location(of: "con_type", in: document.file),
                path: "\(item.path).con_type")
        }
    }
}
