/// Fields the API requires (other than title, sign_name and purpose, which have rules of their own).
struct RequiredFieldRule: LintRule {
    let description = LintRuleDescription(
        id: .requiredField, category: "shape", defaultSeverity: .error,
        summary: "templateCreate bodies have content; batchSend bodies have product_id and phone.",
        rationale: "ihuyi MMS API document: templateCreate requires content; batchSend requires product_id and phone.")
    let examples = LintExamples(
        triggering: [
            .json(#"↓{"title": "t", "sign_name": "【星河咖啡】", "purpose": "p"}"#),
            .json(#"↓{"phone": ["13800138000"], "template_id": 7}"#),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate), .json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.root?.objectValue != nil else { return [] }
        let required: [String]
        switch document.kind {
        case .template: required = ["content"]
        case .batch: required = ["product_id", "phone"]
        case .content, .directory: return []
        }
        var findings: [LintFinding] = []
        if required.contains("content"), document.contentValue == nil {
            findings.append(
                LintFinding(
                    "the body has no \"content\"; add the frame array", at: document.rootLocation, path: "content"))
        }
        for name in required where name != "content" && document.fields[name] == nil {
            findings.append(
                LintFinding(
                    "the body has no \"\(name)\"; the \(document.kind.rawValue) request needs it",
                    at: document.rootLocation, path: name))
        }
        return findings
    }
}
