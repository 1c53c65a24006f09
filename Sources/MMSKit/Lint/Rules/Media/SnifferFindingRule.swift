/// The rules whose findings come from sniffing the decoded media (done once when the document is read).
struct SnifferFindingRule: LintRule {
    let description: LintRuleDescription
    let examples: LintExamples

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        document.items.flatMap { item in
            (item.media?.problems ?? []).filter { $0.ruleID == description.id }.map { problem in
                LintFinding(problem.message, at: document.dataLocation(of: item), path: document.dataPath(of: item))
            }
        }
    }

    static let mediaFormat = SnifferFindingRule(
        description: LintRuleDescription(
            id: .mediaFormat, category: "media", defaultSeverity: .error,
            summary: "Decoded media is JPEG, PNG, GIF, MP3 or MP4 according to libmagic (not WebP, HEIC, M4A, MOV, …).",
            rationale:
                "ihuyi MMS API document: ext_type is jpg, jpeg, png, gif, mp3 or mp4; carriers transcode nothing, so another format fails on the handset or in review."
        ),
        examples: LintExamples(
            triggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "image", "ext_type": "jpg", "data": ↓"«webp»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    )),
                .directory(["01-photo.jpg": "«webp»", "01-text.txt": "新品上市。回T退订"]),
            ],
            nonTriggering: [.json(RuleExamples.validTemplate)]))

    static let mediaTypeMismatch = SnifferFindingRule(
        description: LintRuleDescription(
            id: .mediaTypeMismatch, category: "media", defaultSeverity: .error,
            summary:
                "The format libmagic finds in the data is the one ext_type (or the file extension) declares (jpg ≡ jpeg).",
            rationale:
                "ihuyi MMS API document: ext_type tells the handset how to decode the data; a PNG declared jpg is shown broken or rejected."
        ),
        examples: LintExamples(
            triggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "image", "ext_type": "jpg", "data": ↓"«png»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    )),
                .directory(["01-banner.jpg": "«png»", "01-text.txt": "新品上市。回T退订"]),
            ],
            nonTriggering: [
                .json(RuleExamples.validTemplate),
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "image", "ext_type": "jpeg", "data": "«jpg»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    )),
            ]))

    static let mediaIntegrity = SnifferFindingRule(
        description: LintRuleDescription(
            id: .mediaIntegrity, category: "media", defaultSeverity: .error,
            summary:
                "Media is structurally whole: PNG chunks to IEND, JPEG to EOI, GIF to its trailer, MP3 frames, MP4 boxes.",
            rationale:
                "Our own safety: libmagic checks signatures only, so a truncated upload passes it; the handset then shows a broken picture or a video that will not play."
        ),
        examples: LintExamples(
            triggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "video", "ext_type": "mp4", "data": ↓"«truncated-mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    ))
            ],
            nonTriggering: [
                .json(RuleExamples.validTemplate),
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    )),
            ]))

    static let mediaTrailingData = SnifferFindingRule(
        description: LintRuleDescription(
            id: .mediaTrailingData, category: "media", defaultSeverity: .warning,
            summary:
                "No bytes follow the media's end: JPEG EOI, PNG IEND, GIF trailer, the last MP3 frame and its tags, the last MP4 box.",
            rationale:
                "Our own safety: carriers re-encode media, so appended bytes are at best dropped; a polyglot (an image with a ZIP appended) is a classic way to smuggle content, and reviews reject it."
        ),
        examples: LintExamples(
            triggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "image", "ext_type": "jpg", "data": ↓"«jpg-with-zip»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    )),
                .directory(["01-photo.jpg": "«jpg-with-zip»", "01-text.txt": "新品上市。回T退订"]),
            ],
            nonTriggering: [
                .json(RuleExamples.validTemplate), .directory(["01-photo.jpg": "«jpg»", "01-text.txt": "新品上市。回T退订"]),
            ]))

    static let videoWithoutPicture = SnifferFindingRule(
        description: LintRuleDescription(
            id: .videoWithoutPicture, category: "media", defaultSeverity: .warning,
            summary: "An MP4 sent as con_type video has a video track.",
            rationale:
                "Carrier practice: an audio-only MP4 (M4A content with an isom brand) plays as an empty video player; send audio as MP3."
        ),
        examples: LintExamples(
            triggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "video", "ext_type": "mp4", "data": ↓"«audio-only-mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    ))
            ],
            nonTriggering: [
                .json(
                    RuleExamples.template(
                        content:
                            #"[[{"con_type": "video", "ext_type": "mp4", "data": "«mp4»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]"#
                    ))
            ]))
}
