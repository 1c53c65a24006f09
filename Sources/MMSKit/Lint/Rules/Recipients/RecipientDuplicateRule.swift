/// The same number twice means the same person gets the message twice.
struct RecipientDuplicateRule: LintRule {
    let description = LintRuleDescription(
        id: .recipientDuplicate, category: "recipients", defaultSeverity: .warning,
        summary: "No number appears twice (after normalisation).",
        rationale:
            "Our own safety: each listed number is sent (and billed) once per entry; duplicates annoy recipients and draw complaints."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.batch(
                    #""product_id": 1018, "phone": ["13800138000", ↓"+86 138-0013-8000"], "sign_name": "【星河咖啡】", "title": "t""#
                ))
        ],
        nonTriggering: [.json(RuleExamples.validBatch)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard document.kind == .batch else { return [] }
        // One pass with a set finds whether anything repeats (most lists have no repeats); only then are the
        // first positions of the repeated numbers looked up.
        var seen = Set<UInt64>(minimumCapacity: document.recipients.count)
        var repeats: [(recipient: DocumentRecipient, number: PhoneNumber)] = []
        for recipient in document.recipients {
            if case .success(let number) = recipient.number, !seen.insert(number.numeric).inserted {
                repeats.append((recipient, number))
            }
        }
        guard !repeats.isEmpty else { return [] }
        let repeated = Set(repeats.map(\.number.numeric))
        var first: [UInt64: Int] = [:]
        for recipient in document.recipients {
            if case .success(let number) = recipient.number, repeated.contains(number.numeric),
                first[number.numeric] == nil
            {
                first[number.numeric] = recipient.index
            }
        }
        var findings: [LintFinding] = []
        for (recipient, number) in repeats {
            let shown = recipient.raw == number.digits ? number.digits : "\(recipient.raw) (\(number.digits))"
            findings.append(
                LintFinding(
                    "\(shown) is listed again (first at phone[\(first[number.numeric]!)]); remove the duplicate",
                    at: document.location(of: recipient.value), path: "phone[\(recipient.index)]"))
        }
        return findings
    }
}
