/// Fields the API does not know are probably typos; the provider ignores them.
struct UnknownFieldRule: LintRule {
    let description = LintRuleDescription(
        id: .unknownField, category: "shape", defaultSeverity: .warning,
        summary: "No fields the API does not define (at the top level and in items).",
        rationale:
            "ihuyi MMS API document lists every field; an unknown one is usually a misspelling (sign-name, signName) whose value is silently dropped."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"{"title": "t", ↓"signName": "【星河咖啡】", "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]}"#
            ),
            .json(
                #"[[{"con_type": "text", "ext_type": "txt", "data": "a 回T退订", ↓"font": "big"}, {"con_type": "image", "ext_type": "png", "data": "«png»"}]]"#
            ),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate), .json(RuleExamples.validBatch)])

    static let common: Set = ["api_id", "signature", "timestamp", "request_id"]
    static let known: [DocumentKind: Set<String>] = [
        .template: ["title", "content", "purpose", "sign_name"],
        .batch: ["product_id", "phone", "sign_name", "title", "content", "template_id", "send_time"],
    ]

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        var findings: [LintFinding] = []
        if let members = document.root?.objectValue, let known = Self.known[document.kind] {
            for member in members where !known.contains(member.key) && !Self.common.contains(member.key) {
                let suggestion =
                    Self.suggestion(for: member.key, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
                findings.append(
                    LintFinding(
                        "unknown field \"\(member.key)\" in a \(document.kind.rawValue) body\(suggestion)",
                        at: member.keyPosition.location(in: document.file), path: member.key))
            }
        }
        for item in document.items {
            for member in item.value?.objectValue ?? [] where !["con_type", "ext_type", "data"].contains(member.key) {
                findings.append(
                    LintFinding(
                        "unknown field \"\(member.key)\" in an item; items have con_type, ext_type and data",
                        at: member.keyPosition.location(in: document.file), path: "\(item.path).\(member.key)"))
            }
        }
        return findings
    }

    static func suggestion(for key: String, among known: Set<String>) -> String? {
        let simple = key.lowercased().filter { $0.isLetter }
        return known.first { $0.filter { $0.isLetter } == simple }
    }
}
