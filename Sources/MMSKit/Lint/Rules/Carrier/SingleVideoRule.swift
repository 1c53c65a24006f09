/// One video per message.
struct SingleVideoRule: LintRule {
    let description = LintRuleDescription(
        id: .singleVideo, category: "carrier", defaultSeverity: .warning,
        summary: "The message has at most one video.",
        rationale:
            "Comparable Chinese video-SMS products (Aliyun, Volcengine) allow one video per message; handsets play only the first."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "a"}], [↓{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ))
        ],
        nonTriggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ))
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        let videos = document.items.filter { $0.contentType == .video }
        guard videos.count > 1 else { return [] }
        return videos.dropFirst().map { item in
            LintFinding(
                "a second video (\(videos.count) in all); keep one video per message", at: item.location,
                path: item.path)
        }
    }
}
