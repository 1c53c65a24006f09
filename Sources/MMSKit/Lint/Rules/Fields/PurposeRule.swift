/// Templates say what they are for.
struct PurposeRule: LintRule {
    let description = LintRuleDescription(
        id: .purpose, category: "fields", defaultSeverity: .error,
        summary: "templateCreate bodies have a non-blank purpose.",
        rationale:
            "ihuyi MMS API document: purpose describes the use case for the carrier review; a template without one is not reviewed."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"↓{"title": "t", "sign_name": "【星河咖啡】", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
            .json(
                #"{"title": "t", "sign_name": "【星河咖啡】", "purpose": ↓" ", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate), .json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .template else { return [] }
        guard let field = document.fields["purpose"] else {
            return [
                LintFinding(
                    "the template has no purpose; describe the use case for the carrier review (e.g. 会员新品推荐)",
                    at: document.rootLocation, path: "purpose")
            ]
        }
        guard let purpose = field.value.stringValue, purpose.allSatisfy(\.isWhitespace) else { return [] }
        return [
            LintFinding(
                "purpose is blank; describe the use case for the carrier review", at: field.location, path: "purpose")
        ]
    }
}
