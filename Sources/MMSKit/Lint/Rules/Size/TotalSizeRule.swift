/// The whole message within the profile's size limit.
struct TotalSizeRule: LintRule {
    let description = LintRuleDescription(
        id: .totalSize, category: "size", defaultSeverity: .error,
        summary: "All items together (media decoded, text as UTF-8) stay within the profile's max_total_bytes.",
        rationale:
            "ihuyi publishes no limit; comparable Chinese video-SMS products (Aliyun digital SMS, Volcengine video SMS) publish < 1900 KB, the ihuyi profile's default. Android's default MMS limit is 300 KB (conservative profile)."
    )
    let examples = LintExamples(
        triggering: [
            .json(
                RuleExamples.marking(RuleExamples.validTemplate, before: "[["),
                limits: ProfileLimits(maxTotalBytes: 1000))
        ],
        nonTriggering: [.json(RuleExamples.validTemplate)])

    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] {
        guard let limit = context.profile.maxTotalBytes else { return [] }
        let items = document.items
        let total = items.reduce(0) { $0 + document.rawBytes(of: $1) }
        guard total > limit else { return [] }
        let largest = items.max { document.rawBytes(of: $0) < document.rawBytes(of: $1) }
        let hint =
            largest.map { "; the largest item is \($0.path) with \(Self.kilobytes(document.rawBytes(of: $0)))" } ?? ""
        return [
            LintFinding(
                "the message is \(Self.kilobytes(total)), over the \(context.profile.name) limit of \(Self.kilobytes(limit))\(hint) — compress or drop media",
                at: document.contentLocation, path: document.contentPath)
        ]
    }

    static func kilobytes(_ bytes: Int) -> String {
        bytes < 10 * 1024 ? "\(bytes) bytes" : "\(bytes / 1024) KB"
    }
}
