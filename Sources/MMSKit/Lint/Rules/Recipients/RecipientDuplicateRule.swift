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
        // Sorting (number, index) pairs finds repeats without hashing every number.
        var numbers: [(numeric: UInt64, position: Int)] = []
        numbers.reserveCapacity(document.recipients.count)
        for (position, recipient) in document.recipients.enumerated() {
            if case .success(let number) = recipient.number { numbers.append((number.numeric, position)) }
        }
        numbers.sort { ($0.numeric, $0.position) < ($1.numeric, $1.position) }
        var findings: [LintFinding] = []
        var groupStart = 0
        for index in numbers.indices.dropFirst() {
            if numbers[index].numeric != numbers[groupStart].numeric {
                groupStart = index
                continue
            }
            let first = document.recipients[numbers[groupStart].position]
            let repeated = document.recipients[numbers[index].position]
            findings.append(LintFinding("\(first.raw == repeated.raw ? repeated.raw : "\(repeated.raw) (\(String(numbers[index].numeric)))") is listed again (first at phone[\(first.index)]); remove the duplicate", at: document.location(of: repeated.value), path: "phone[\(repeated.index)]"))
        }
        return findings
    }
}
