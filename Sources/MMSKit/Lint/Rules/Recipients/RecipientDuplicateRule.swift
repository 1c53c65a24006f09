/// The same number twice means the same person gets the message twice.
struct RecipientDuplicateRule: LintRule {
    let description = LintRuleDescription(
        id: "recipient-duplicate", category: "recipients", defaultSeverity: .warning,
        summary: "No number appears twice (after normalisation).",
        rationale: "Our own safety: each listed number is sent (and billed) once per entry; duplicates annoy recipients and draw complaints.")
    let examples = LintExamples(
        triggering: [.json(RuleExamples.batch(#""product_id": 1018, "phone": ["13800138000", "+86 138-0013-8000"], "sign_name": "【星河咖啡】", "title": "t""#))],
        nonTriggering: [.json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch else { return [] }
        var first: [String: Int] = [:]
        var findings: [LintFinding] = []
        for recipient in document.recipients {
            guard case .success(let number) = recipient.number else { continue }
            if let earlier = first[number.digits] {
                findings.append(LintFinding("\(number.digits) is listed again (first at phone[\(earlier)]); remove the duplicate", at: document.location(of: recipient.value), path: "phone[\(recipient.index)]"))
            } else {
                first[number.digits] = recipient.index
            }
        }
        return findings
    }
}
