/// The title is present where required and not too long.
struct TitleRule: LintRule {
    let description = LintRuleDescription(
        id: .title, category: "fields", defaultSeverity: .error,
        summary:
            "title is present (templates; batches without template_id), not blank, and within max_title_length characters.",
        rationale:
            "ihuyi MMS API document: templateCreate and batchSend (without template_id) take a title. The length limit (40) is mmskit's default; no provider publishes one."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"↓{"sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
            .json(RuleExamples.validTemplate, limits: ProfileLimits(maxTitleLength: 2)),
        ],
        nonTriggering: [
            .json(RuleExamples.validTemplate),
            .json(#"{"product_id": 1018, "phone": ["13800138000"], "template_id": 7}"#),
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let field = document.fields["title"] else {
            return document.needsMessageFields
                ? [
                    LintFinding(
                        "the body has no title; add one (it identifies the template)", at: document.rootLocation,
                        path: "title")
                ] : []
        }
        guard let title = field.value.stringValue else { return [] }
        if title.allSatisfy(\.isWhitespace) {
            return [LintFinding("title is blank; write one", at: field.location, path: "title")]
        }
        if let limit = context.profile.maxTitleLength, title.count > limit {
            return [
                LintFinding(
                    "title has \(title.count) characters, more than \(limit) (\(context.profile.name) profile); shorten it",
                    at: field.location, path: "title")
            ]
        }
        return []
    }
}
