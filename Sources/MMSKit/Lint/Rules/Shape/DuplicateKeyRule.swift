/// A key given twice in one object: parsers disagree on which value wins.
struct DuplicateKeyRule: LintRule {
    let description = LintRuleDescription(
        id: .duplicateKey, category: "shape", defaultSeverity: .warning,
        summary: "No object repeats a key.",
        rationale:
            "Our own safety: RFC 8259 leaves duplicate keys undefined, so the provider may read a different value than your tools."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"{"title": "a", ↓"title": "b", "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "x 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            )
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let root = document.root else { return [] }
        var findings: [LintFinding] = []
        // Path components are kept as a stack and joined only for a finding: most documents have none.
        var components: [String] = []
        func path(appending key: String) -> String {
            (components + [key]).enumerated().map { index, part in
                part.hasPrefix("[") || index == 0 ? part : ".\(part)"
            }.joined()
        }
        func visit(_ value: JSONValue) {
            switch value.kind {
            case .object(let members):
                if members.count > 1 {
                    var seen = Set<String>()
                    for member in members where !seen.insert(member.key).inserted {
                        findings.append(
                            LintFinding(
                                "\"\(member.key)\" is given more than once in this object; the last value is the one checked and most likely the one the provider reads; keep one",
                                at: member.keyPosition.location(in: document.file), path: path(appending: member.key)))
                    }
                }
                for member in members where member.value.objectValue != nil || member.value.arrayValue != nil {
                    components.append(member.key)
                    visit(member.value)
                    components.removeLast()
                }
            case .array(let elements):
                for (index, element) in elements.enumerated()
                where element.objectValue != nil || element.arrayValue != nil {
                    components.append("[\(index)]")
                    visit(element)
                    components.removeLast()
                }
            default:
                break
            }
        }
        if root.arrayValue != nil { components.append("content") }
        visit(root)
        return findings
    }
}
