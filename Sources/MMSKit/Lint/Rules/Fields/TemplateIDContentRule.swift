/// A batch sends either a template or content.
struct TemplateIDContentRule: LintRule {
    let description = LintRuleDescription(
        id: .templateIDContent, category: "fields", defaultSeverity: .error,
        summary: "A batchSend body has content or template_id; with both, content wins (warning).",
        rationale:
            "ihuyi MMS API document: content or template_id is required; when both are given, content wins and template_id is ignored."
    )
    let examples = LintExamples(
        triggering: [
            .json(#"↓{"product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t"}"#),
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t", "template_id": ↓7"#
                )),
        ],
        nonTriggering: [
            .json(RuleExamples.validBatch), .json(#"{"product_id": 1018, "phone": ["13800138000"], "template_id": 7}"#),
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch, document.root?.objectValue != nil else { return [] }
        switch (document.contentValue, document.fields["template_id"]) {
        case (nil, nil):
            return [
                LintFinding(
                    "the batch has neither content nor template_id; send content or name an approved template",
                    at: document.rootLocation, path: "content")
            ]
        case (_?, let templateID?):
            return [
                LintFinding(
                    "both content and template_id are given: content wins and template_id is ignored; drop one",
                    at: templateID.location, path: "template_id", severity: .warning)
            ]
        default:
            return []
        }
    }
}
