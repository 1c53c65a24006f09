/// Rules whose findings come from building a media directory (reported by `ContentBuilder`).
struct DirectoryFindingRule: LintRule {
    let description: LintRuleDescription
    let examples: LintExamples

    /// The builder reports these while building; nothing is left to check afterwards.
    func check(_ document: ContentDocument, _ context: LintContext) -> [LintFinding] { [] }

    static let directoryLayout = DirectoryFindingRule(
        description: LintRuleDescription(
            id: .directoryLayout, category: "directory", defaultSeverity: .error,
            summary:
                "Every file in a media directory fits a frame: a leading frame number (or a manifest entry), no subdirectories, no symlinks leaving the directory.",
            rationale:
                "mmskit's directory convention: files are grouped into frames by their leading number; a file that fits no frame would silently be left out."
        ),
        examples: LintExamples(
            triggering: [.directory(["banner.jpg": "«jpg»", "01-text.txt": "新品上市。回T退订"])],
            nonTriggering: [.directory(["01-banner.jpg": "«jpg»", "01-text.txt": "新品上市。回T退订"])]))

    static let manifest = DirectoryFindingRule(
        description: LintRuleDescription(
            id: .manifest, category: "directory", defaultSeverity: .error,
            summary: "mms.yaml is valid YAML with only title, sign_name, purpose and frames, each of the right type.",
            rationale:
                "mmskit's manifest format: a misspelt key (sign-name) would otherwise drop the signature without notice."
        ),
        examples: LintExamples(
            triggering: [
                .directory(["mms.yaml": "sign-name: 【星河咖啡】\n", "01-a.png": "«png»", "01-b.txt": "新品上市。回T退订"])
            ],
            nonTriggering: [
                .directory(["mms.yaml": "sign_name: 【星河咖啡】\n", "01-a.png": "«png»", "01-b.txt": "新品上市。回T退订"])
            ]))

    static let textEncoding = DirectoryFindingRule(
        description: LintRuleDescription(
            id: .textEncoding, category: "data", defaultSeverity: .error,
            summary: "Text files are UTF-8 (a BOM is allowed and dropped).",
            rationale: "ihuyi MMS API document: everything is UTF-8; a GBK-saved text file arrives as mojibake."),
        examples: LintExamples(
            triggering: [.directory(["01-a.png": "«png»", "01-b.txt": "新品«invalid-utf8»上市。回T退订"])],
            nonTriggering: [.directory(["01-a.png": "«png»", "01-b.txt": "新品上市。回T退订"])]))
}
