/// The carrier rule: one text and one media item per frame at most.
struct FrameItemsRule: LintRule {
    let description = LintRuleDescription(
        id: .frameItems, category: "frames", defaultSeverity: .error,
        summary: "A frame holds at most one text item and at most one media (image, audio or video) item.",
        rationale:
            "ihuyi MMS API document, content format: a frame has at most one text and one media; several media files go in several frames."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[↓[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "image", "ext_type": "jpg", "data": "«jpg»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                )),
            .json(
                RuleExamples.template(
                    content:
                        #"[↓[{"con_type": "text", "ext_type": "txt", "data": "a"}, {"con_type": "text", "ext_type": "txt", "data": "b 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]"#
                )),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        var findings: [LintFinding] = []
        for frame in document.frames {
            for violation in FrameItemCount((frame.items ?? []).compactMap(\.contentType)).violations {
                let message =
                    switch violation {
                    case .tooManyTexts(let texts):
                        "frame \(frame.index + 1) has \(texts) text items; a frame holds one text — merge them or move one to another frame"
                    case .tooManyMedia(let media):
                        "frame \(frame.index + 1) has \(media) media items; a frame holds one image, audio or video — give each its own frame"
                    case .empty:
                        preconditionFailure("FrameItemCount never reports an empty frame")
                    }
                findings.append(LintFinding(message, at: frame.location, path: frame.path))
            }
        }
        return findings
    }
}
