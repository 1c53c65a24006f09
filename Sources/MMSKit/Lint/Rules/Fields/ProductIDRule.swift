/// product_id is a positive integer.
struct ProductIDRule: LintRule {
    let description = LintRuleDescription(
        id: .productID, category: "fields", defaultSeverity: .error,
        summary: "product_id is a positive integer.",
        rationale: "ihuyi MMS API document: product_id is an int from the balance call, e.g. 1001.")
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.batch(#""product_id": ↓0, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t""#)),
            .json(
                RuleExamples.batch(#""product_id": ↓-5, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t""#)
            ),
        ],
        nonTriggering: [.json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch, let field = document.fields["product_id"],
            case .number(let text) = field.value.kind
        else { return [] }
        if let value = Int(text), value > 0 { return [] }
        if text.contains(".") || text.lowercased().contains("e") { return [] }  // field-type reports non-integers
        return [
            LintFinding(
                "product_id \(text) is not a positive integer; use the id from `mmskit balance`", at: field.location,
                path: "product_id")
        ]
    }
}
