/// A key given twice in one object: parsers disagree on which value wins.
struct DuplicateKeyRule: LintRule {
    let description = LintRuleDescription(
        id: "duplicate-key", category: "shape", defaultSeverity: .warning,
        summary: "No object repeats a key.",
        rationale: "Our own safety: RFC 8259 leaves duplicate keys undefined, so the provider may read a different value than your tools.")
    let examples = LintExamples(
        triggering: [.json(#"{"title": "a", "title": "b", "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "x 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#)],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let root = document.root else { return [] }
        var findings: [LintFinding] = []
        func visit(_ value: JSONValue, path: String) {
            switch value.kind {
            case .object(let members):
                var seen = Set<String>()
                for member in members {
                    let childPath = path == "$" ? member.key : "\(path).\(member.key)"
                    if !seen.insert(member.key).inserted {
                        findings.append(LintFinding("\"\(member.key)\" is given more than once in this object; keep one", at: member.keyPosition.location(in: document.file), path: childPath))
                    }
                    visit(member.value, path: childPath)
                }
            case .array(let elements):
                for (index, element) in elements.enumerated() { visit(element, path: "\(path == "$" ? "" : path)[\(index)]") }
            default:
                break
            }
        }
        visit(root, path: root.arrayValue != nil ? "content" : "$")
        return findings
    }
}
