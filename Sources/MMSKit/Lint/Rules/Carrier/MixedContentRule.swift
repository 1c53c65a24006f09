/// An MMS mixes text with a picture, sound or video.
struct MixedContentRule: LintRule {
    let description = LintRuleDescription(
        id: .mixedContent, category: "carrier", defaultSeverity: .warning,
        summary: "The message has both text and media (not text-only, not media-only).",
        rationale:
            "Comparable Chinese video-SMS products require mixed content (text plus image or video); a text-only MMS is better sent as SMS, a media-only one fails review for lack of context."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(content: #"↓[[{"con_type": "text", "ext_type": "txt", "data": "新品上市。回T退订"}]]"#)),
            .json(RuleExamples.template(content: #"↓[[{"con_type": "image", "ext_type": "png", "data": "«png»"}]]"#)),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        let types = document.items.compactMap(\.contentType)
        guard !types.isEmpty else { return [] }
        let texts = types.filter { $0 == .text }.count
        if texts == types.count {
            return [
                LintFinding(
                    "the message is text only; add an image or video, or send it as SMS", at: document.contentLocation,
                    path: document.contentPath)
            ]
        }
        if texts == 0 {
            return [
                LintFinding(
                    "the message has no text; add a line that says what it is about", at: document.contentLocation,
                    path: document.contentPath)
            ]
        }
        return []
    }
}
