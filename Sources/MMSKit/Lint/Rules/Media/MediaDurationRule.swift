import Foundation

/// Audio and video within the profile's duration limit, where the profile sets one.
struct MediaDurationRule: LintRule {
    let description = LintRuleDescription(
        id: .mediaDuration, category: "media", defaultSeverity: .warning,
        summary: "Audio and video last no longer than the profile's max_duration_seconds (when set).",
        rationale:
            "Carrier practice: video SMS products cap clip length; ihuyi publishes no limit, so set one in .mmskit.yml if your channel has it."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": "mp4", "data": ↓"«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ), limits: ProfileLimits(maxDurationSeconds: 1))
        ],
        nonTriggering: [
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ))
        ])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let limit = context.profile.maxDurationSeconds else { return [] }
        return document.items.compactMap { item in
            guard let seconds = item.media?.sniffed?.details.durationSeconds, seconds > limit,
                item.contentType == .audio || item.contentType == .video
            else { return nil }
            return LintFinding(
                String(
                    format: "the %@ lasts %.1f s, longer than %.1f s (%@ profile); cut it", item.conType ?? "media",
                    seconds, limit, context.profile.name), at: document.dataLocation(of: item),
                path: document.dataPath(of: item))
        }
    }
}
