import Foundation

/// Links in MMS text draw extra review.
struct LinksInTextRule: LintRule {
    let description = LintRuleDescription(
        id: .linksInText, category: "carrier", defaultSeverity: .warning,
        summary: "The text has no URLs or short links.",
        rationale:
            "Carrier practice: links (especially short links) in marketing messages trigger manual review or rejection; register the link with your provider first."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": ↓"详情 https://t.cn/A6abcd 回T退订"}]]"#
                )),
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": ↓"详情见 www.example.com 回T退订"}]]"#
                )),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    static let pattern = try! NSRegularExpression(
        pattern:
            #"(?i)\b(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:cn|com|net|org|cc|me|ly|gl|io|top|xyz|vip|shop)(?:/\S*)?\b"#
    )

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.texts.compactMap { item, text in
            guard let match = Self.pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                let range = Range(match.range, in: text)
            else { return nil }
            return LintFinding(
                "the text contains a link (\(text[range])); links draw manual review — register it with your provider or remove it",
                at: document.dataLocation(of: item), path: document.dataPath(of: item))
        }
    }
}
