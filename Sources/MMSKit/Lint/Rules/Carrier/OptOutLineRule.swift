import Foundation

/// Marketing messages tell the recipient how to opt out.
struct OptOutLineRule: LintRule {
    let description = LintRuleDescription(
        id: .optOutLine, category: "carrier", defaultSeverity: .warning,
        summary: "The text has an opt-out line such as 回T退订 or 拒收请回复R.",
        rationale:
            "Carrier practice and comparable video-SMS products: marketing messages must carry an opt-out line; reviews reject those without one. ihuyi's MMS product is marketing (彩信营销)."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": ↓"春季新品上市"}]]"#
                ))
        ],
        nonTriggering: [
            .json(RuleExamples.validTemplate),
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "春季新品上市。拒收请回复R"}]]"#
                )),
        ])

    static let pattern = try! NSRegularExpression(
        pattern: "回\\s*(复\\s*)?(T|TD|N|R)\\s*退订|退订\\s*回\\s*(复\\s*)?(T|TD|N)|拒收请回复\\s*R", options: [.caseInsensitive])

    static func hasOptOut(_ text: String) -> Bool {
        // Every opt-out phrase contains 退订 or 拒收; a byte search rules most texts out before the regex.
        guard text.containsUTF8("退订") || text.containsUTF8("拒收") else { return false }
        return pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        let texts = document.texts
        guard document.carriesContent, !document.items.isEmpty, !texts.contains(where: { Self.hasOptOut($0.text) })
        else { return [] }
        let last = texts.last
        return [
            LintFinding(
                "no opt-out line: add 回T退订 or 拒收请回复R to the text (usually the last frame)",
                at: last.map { document.dataLocation(of: $0.item) } ?? document.contentLocation,
                path: last.flatMap { document.dataPath(of: $0.item) })
        ]
    }
}
