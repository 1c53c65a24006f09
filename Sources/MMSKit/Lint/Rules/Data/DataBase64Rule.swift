/// Media data is strict standard base64 of a non-empty file.
struct DataBase64Rule: LintRule {
    let description = LintRuleDescription(
        id: .dataBase64, category: "data", defaultSeverity: .error,
        summary:
            "A media item's data is strict base64 (standard alphabet, = padding, no whitespace) of a non-empty file.",
        rationale:
            "ihuyi MMS API document: media data is the file base64-encoded. Line-wrapped (MIME) or URL-safe base64 decodes differently or not at all on the provider side."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": ↓"iVBORw0K\nGgo="}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                )),
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "image", "ext_type": "png", "data": ↓""}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                )),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.items.compactMap { item in
            guard let media = item.media, !document.isDirectory else { return nil }
            let location = document.dataLocation(of: item)
            if let error = media.base64Error {
                return LintFinding(
                    "data is not strict base64: \(error); encode the file with standard base64 and no line breaks (base64 -w0)",
                    at: location, path: "\(item.path).data")
            }
            if media.bytes?.isEmpty == true {
                return LintFinding(
                    "data is empty; a media item needs the file's bytes in base64", at: location,
                    path: "\(item.path).data")
            }
            return nil
        }
    }
}
