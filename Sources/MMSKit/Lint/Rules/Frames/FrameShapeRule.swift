/// Frames are arrays of `{con_type, ext_type, data}` objects with string values.
struct FrameShapeRule: LintRule {
    let description = LintRuleDescription(
        id: .frameShape, category: "frames", defaultSeverity: .error,
        summary: "Every frame is an array of items, every item an object with string con_type, ext_type and data.",
        rationale: "ihuyi MMS API document, content format: a frame is an array of {con_type, ext_type, data}.")
    let examples = LintExamples(
        triggering: [
            .json(#"[↓{"con_type": "text", "ext_type": "txt", "data": "a"}]"#),
            .json(#"[[↓{"con_type": "text", "data": "a"}]]"#),
            .json(#"[[{"con_type": "text", "ext_type": "txt", "data": ↓5}]]"#),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let frameValues = document.contentValue?.arrayValue else { return [] }
        var findings: [LintFinding] = []
        for frame in document.frames {
            guard let items = frame.items else {
                let value = frameValues[frame.index]
                let hint =
                    value.objectValue != nil
                    ? "; wrap the item in [ ] — content is an array of frames, each an array of items" : ""
                findings.append(
                    LintFinding(
                        "a frame must be an array of items, not \(value.typeDescription)\(hint)", at: frame.location,
                        path: frame.path))
                continue
            }
            for item in items {
                guard let value = item.value, value.objectValue != nil else {
                    findings.append(
                        LintFinding(
                            "an item must be an object {con_type, ext_type, data}, not \(item.value?.typeDescription ?? "nothing")",
                            at: item.location, path: item.path))
                    continue
                }
                for key in ["con_type", "ext_type", "data"] {
                    if let member = value[key] {
                        if member.jsonString == nil {
                            findings.append(
                                LintFinding(
                                    "\(key) must be a string, not \(member.typeDescription)",
                                    at: document.location(of: member), path: "\(item.path).\(key)"))
                        }
                    } else {
                        findings.append(LintFinding("the item has no \"\(key)\"", at: item.location, path: item.path))
                    }
                }
            }
        }
        return findings
    }
}
