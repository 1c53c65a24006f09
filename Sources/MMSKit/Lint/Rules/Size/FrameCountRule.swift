/// No more frames than the profile allows.
struct FrameCountRule: LintRule {
    let description = LintRuleDescription(
        id: .frameCount, category: "size", defaultSeverity: .error,
        summary: "The message has at most the profile's max_frames frames.",
        rationale:
            "ihuyi publishes no limit; Aliyun digital SMS and Volcengine video SMS allow at most 9 frames, the ihuyi profile's default."
    )
    let examples = LintExamples(
        triggering: [
            .json(RuleExamples.marking(RuleExamples.validTemplate, before: "[["), limits: ProfileLimits(maxFrames: 0))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let limit = context.profile.maxFrames, document.frames.count > limit else { return [] }
        return [
            LintFinding(
                "the message has \(document.frames.count) frames, more than the \(limit) the \(context.profile.name) profile allows; merge or drop frames",
                at: document.contentLocation, path: document.contentPath)
        ]
    }
}
