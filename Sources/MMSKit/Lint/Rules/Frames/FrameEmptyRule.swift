/// An empty frame shows a blank page.
struct FrameEmptyRule: LintRule {
    let description = LintRuleDescription(
        id: .frameEmpty, category: "frames", defaultSeverity: .error,
        summary: "No frame is empty.",
        rationale:
            "ihuyi MMS API document: a frame holds a text and/or a media item; an empty frame is a blank page the carrier review rejects."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}], ↓[]]"#
                ))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.frames.compactMap { frame in
            guard frame.items?.isEmpty == true else { return nil }
            return LintFinding(
                "frame \(frame.index + 1) is empty; remove it or add an item", at: frame.location, path: frame.path)
        }
    }
}
