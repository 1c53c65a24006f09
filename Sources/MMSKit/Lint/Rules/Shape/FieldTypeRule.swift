/// Each known field has the JSON type the API expects.
struct FieldTypeRule: LintRule {
    let description = LintRuleDescription(
        id: .fieldType, category: "shape", defaultSeverity: .error,
        summary: "Known fields have the right JSON type (strings, integers, an array of strings, a frame array).",
        rationale:
            "ihuyi MMS API document: product_id and template_id are int, phone is [string], the rest are strings; content is an array of frames."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                #"{"title": ↓5, "sign_name": "【星河咖啡】", "purpose": "p", "content": [[{"con_type": "text", "ext_type": "txt", "data": "a"}]]}"#
            ),
            .json(
                RuleExamples.batch(
                    #""product_id": ↓"1018", "phone": ↓"13800138000", "sign_name": "【星河咖啡】", "title": "t""#)),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate), .json(RuleExamples.validBatch)])

    enum Expected {
        case string, integer, stringArray, array
        var words: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .stringArray: "an array of strings"
            case .array: "an array of frames"
            }
        }
    }

    static let types: [String: Expected] = [
        "title": .string, "sign_name": .string, "purpose": .string, "send_time": .string, "api_id": .string,
        "signature": .string, "request_id": .string, "product_id": .integer, "template_id": .integer,
        "timestamp": .integer, "phone": .stringArray,
    ]

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard !document.isDirectory else { return [] }
        var findings: [LintFinding] = []
        for (name, field) in document.fields.sorted(by: { $0.key < $1.key }) {
            guard let expected = Self.types[name], !Self.matches(field.value, expected) else { continue }
            findings.append(
                LintFinding(
                    "\(name) must be \(expected.words), not \(field.value.typeDescription)\(Self.hint(field.value, expected))",
                    at: field.location, path: name))
        }
        if document.root?.objectValue != nil, let content = document.contentValue, content.arrayValue == nil {
            findings.append(
                LintFinding(
                    "content must be an array of frames, not \(content.typeDescription)",
                    at: document.location(of: content), path: "content"))
        }
        return findings
    }

    static func matches(_ value: JSONValue, _ expected: Expected) -> Bool {
        switch (expected, value.kind) {
        case (.string, .string): return true
        case (.integer, .number(let text)): return !text.contains(".") && !text.lowercased().contains("e")
        case (.stringArray, .array(let values)): return values.allSatisfy { $0.jsonString != nil }
        case (.array, .array): return true
        default: return false
        }
    }

    static func hint(_ value: JSONValue, _ expected: Expected) -> String {
        if expected == .integer, let text = value.stringValue, Int(text) != nil {
            return "; write \(text) without quotes"
        }
        if expected == .stringArray, value.stringValue != nil { return "; wrap the number in [ ]" }
        return ""
    }
}
