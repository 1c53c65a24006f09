/// Images and video within the profile's pixel limits, where the profile sets them.
struct MediaDimensionsRule: LintRule {
    let description = LintRuleDescription(
        id: .mediaDimensions, category: "media", defaultSeverity: .warning,
        summary:
            "Image and video width/height are within the profile's max_image_width/max_image_height, and video within max_video_width/max_video_height (when set).",
        rationale:
            "Carrier practice: large pictures are downscaled or refused by handsets' MMS clients; the conservative profile uses 1280×1280. ihuyi sets no limit."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.marking(RuleExamples.validTemplate, before: #""«png»"#),
                limits: ProfileLimits(maxImageWidth: 100)),
            .json(
                RuleExamples.template(
                    content:
                        #"[[{"con_type": "video", "ext_type": "mp4", "data": ↓"«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                ), limits: ProfileLimits(maxVideoWidth: 16, maxVideoHeight: 16)),
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        let profile = context.profile
        return document.items.compactMap { item in
            guard let details = item.media?.sniffed?.details, let width = details.width, let height = details.height
            else { return nil }
            let tooWide = profile.maxImageWidth.map { width > $0 } ?? false
            let tooTall = profile.maxImageHeight.map { height > $0 } ?? false
            if tooWide || tooTall {
                let limit =
                    "\(profile.maxImageWidth.map(String.init) ?? "any")×\(profile.maxImageHeight.map(String.init) ?? "any")"
                return LintFinding(
                    "the \(item.conType ?? "media") is \(width)×\(height) pixels, larger than \(limit) (\(profile.name) profile); scale it down",
                    at: document.dataLocation(of: item), path: document.dataPath(of: item))
            }
            guard item.media?.sniffed?.format == .mp4, profile.maxVideoWidth != nil || profile.maxVideoHeight != nil
            else { return nil }
            // The box holds a landscape clip; a portrait one is held to it turned upright.
            let long = max(profile.maxVideoWidth ?? .max, profile.maxVideoHeight ?? .max)
            let short = min(profile.maxVideoWidth ?? .max, profile.maxVideoHeight ?? .max)
            guard max(width, height) > long || min(width, height) > short else { return nil }
            let limit =
                "\(profile.maxVideoWidth.map(String.init) ?? "any")×\(profile.maxVideoHeight.map(String.init) ?? "any")"
            return LintFinding(
                "the video is \(width)×\(height) pixels, larger than \(limit) (\(profile.name) profile); scale it down (mmskit fit does)",
                at: document.dataLocation(of: item), path: document.dataPath(of: item))
        }
    }
}
