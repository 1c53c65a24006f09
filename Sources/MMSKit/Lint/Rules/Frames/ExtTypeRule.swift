/// ext_type is an accepted format and goes with con_type.
struct ExtTypeRule: LintRule {
    let description = LintRuleDescription(
        id: .extType, category: "frames", defaultSeverity: .error,
        summary: "ext_type is allowed and matches con_type: text↔txt, image↔jpg/jpeg/png/gif, audio↔mp3, video↔mp4.",
        rationale:
            "ihuyi MMS API document: ext_type takes jpg, jpeg, png, gif, mp3, mp4 (txt for text); the profile may allow fewer."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": ↓"png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                )),
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": ↓"webp", "data": "«webp»"}, {"con_type": "text", "ext_type": ↓"text", "data": "回T退订"}]]"#
                )),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        var findings: [LintFinding] = []
        for item in document.items {
            guard let contentType = item.contentType, let extType = item.extType else { continue }
            let location = item.location(of: "ext_type", in: document.file)
            let path = "\(item.path).ext_type"
            if contentType == .text {
                if extType != "txt" {
                    findings.append(
                        LintFinding(
                            "a text item's ext_type must be \"txt\", not \"\(extType)\"", at: location, path: path))
                }
                continue
            }
            guard let declared = MediaExtension(rawValue: extType) else {
                let hint =
                    MediaExtension(caseInsensitive: extType).map { "; write it in lower case: \($0.rawValue)" } ?? ""
                findings.append(
                    LintFinding(
                        "ext_type \"\(extType)\" is not accepted; MMS media are \(MediaExtension.acceptedList)\(hint)",
                        at: location, path: path))
                continue
            }
            if declared.contentType != contentType {
                findings.append(
                    LintFinding(
                        "ext_type \"\(extType)\" does not go with con_type \"\(contentType.rawValue)\"; \(extType) is sent as con_type \(declared.contentType.rawValue)",
                        at: location, path: path))
            } else if !context.profile.allowedFormats.contains(declared.format) {
                findings.append(
                    LintFinding(
                        "the \(context.profile.name) profile does not allow \(extType)", at: location, path: path))
            }
        }
        return findings
    }
}
