/// A batch goes to between 1 and max_recipients numbers.
struct RecipientCountRule: LintRule {
    let description = LintRuleDescription(
        id: .recipientCount, category: "recipients", defaultSeverity: .error,
        summary: "phone holds between 1 and max_recipients numbers (10,000 for ihuyi).",
        rationale:
            "ihuyi MMS API document: phone takes at most 10,000 numbers per request; `mmskit send` splits longer lists into chunks."
    )
    let examples = LintExamples(
        triggering: [
            .json(RuleExamples.batch(#""product_id": 1018, "phone": ↓[], "sign_name": "【星河咖啡】", "title": "t""#)),
            .json(RuleExamples.validBatch, limits: ProfileLimits(maxRecipients: 1)),
        ],
        nonTriggering: [.json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch, let field = document.fields["phone"], let numbers = field.value.arrayValue else {
            return []
        }
        if numbers.isEmpty {
            return [LintFinding("phone is empty; list at least one number", at: field.location, path: "phone")]
        }
        if numbers.count > context.profile.maxRecipients {
            return [
                LintFinding(
                    "phone lists \(numbers.count) numbers, more than \(context.profile.maxRecipients) per request; split the list (mmskit send does this for you)",
                    at: field.location, path: "phone")
            ]
        }
        return []
    }
}
