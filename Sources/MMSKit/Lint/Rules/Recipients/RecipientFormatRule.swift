/// Every number is an 11-digit mainland mobile number.
struct RecipientFormatRule: LintRule {
    let description = LintRuleDescription(
        id: .recipientFormat, category: "recipients", defaultSeverity: .error,
        summary: "Each phone is an 11-digit mainland mobile number (after removing +86/0086, spaces and dashes).",
        rationale:
            "ihuyi MMS API document: phone holds mobile numbers; the older ihuyi API's code 406 is 'bad mobile format'. Carriers deliver MMS to mainland mobiles (13x–19x) only."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000", ↓"1380013800", ↓"021-12345678", ↓"+1 415 555 0100"], "sign_name": "【星河咖啡】", "title": "t""#
                ))
        ],
        nonTriggering: [
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000", "+86 139 0013 9000", "0086-15000150000"], "sign_name": "【星河咖啡】", "title": "t""#
                ))
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch else { return [] }
        return document.recipients.compactMap { recipient in
            guard case .failure(let problem) = recipient.number else { return nil }
            return LintFinding(
                "\"\(recipient.raw)\": \(problem)", at: document.location(of: recipient.value),
                path: "phone[\(recipient.index)]")
        }
    }
}
