/// The top level is a frame array or a request body object, as the kind requires.
struct DocumentShapeRule: LintRule {
    let description = LintRuleDescription(
        id: .documentShape, category: "shape", defaultSeverity: .error,
        summary: "The top level is a frame array (content) or an object (templateCreate / batchSend body).",
        rationale:
            "The ihuyi API takes the frame array inside a JSON object; anything else cannot be a template or a send.")
    let examples = LintExamples(
        triggering: [.json(#"↓"just text""#), .json("↓42")],
        nonTriggering: [
            .json(RuleExamples.validTemplate),
            .json(
                #"[[{"con_type": "text", "ext_type": "txt", "data": "你好。回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]"#
            ),
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let root = document.root else { return [] }
        switch (document.kind, root.kind) {
        case (.content, .array), (.template, .object), (.batch, .object):
            return []
        case (.content, _):
            return [
                LintFinding(
                    "expected a frame array, found \(root.typeDescription)", at: document.location(of: root), path: "$")
            ]
        default:
            return [
                LintFinding(
                    "expected a \(document.kind.rawValue) body object, found \(root.typeDescription)",
                    at: document.location(of: root), path: "$")
            ]
        }
    }
}
