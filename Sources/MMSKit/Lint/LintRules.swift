/// Every rule mmskit has, in the order `mmskit rules` lists them (by category, then id).
public enum LintRules {
    /// Every rule, each once, in listing order.
    public static let all: [any LintRule] = [
        JSONSyntaxRule(), DocumentShapeRule(), RequiredFieldRule(), FieldTypeRule(), UnknownFieldRule(),
        DuplicateKeyRule(),
        ContentEmptyRule(), FrameShapeRule(), FrameEmptyRule(), FrameItemsRule(), ConTypeRule(), ExtTypeRule(),
        DataBase64Rule(), TextEmptyRule(), TextLengthRule(), DirectoryFindingRule.textEncoding,
        SnifferFindingRule.mediaFormat, SnifferFindingRule.mediaTypeMismatch, SnifferFindingRule.mediaIntegrity,
        SnifferFindingRule.videoWithoutPicture, SnifferFindingRule.mediaTrailingData, MediaDimensionsRule(),
        MediaDurationRule(),
        TotalSizeRule(), ItemSizeRule(), FrameCountRule(),
        TitleRule(), SignNameRule(), PurposeRule(), TemplateIDContentRule(), ProductIDRule(),
        RecipientCountRule(), RecipientFormatRule(), RecipientDuplicateRule(), SendTimeRule(),
        OptOutLineRule(), BracketsInBodyRule(), MixedContentRule(), SingleVideoRule(), LinksInTextRule(),
        DirectoryFindingRule.directoryLayout, DirectoryFindingRule.manifest,
    ]

    /// The rule with this id.
    public static func rule(id: RuleID) -> (any LintRule)? {
        byID[id]
    }

    private static let byID: [RuleID: any LintRule] = Dictionary(
        all.map { ($0.description.id, $0) }, uniquingKeysWith: { first, _ in first })

    /// All rule ids.
    public static var ids: [RuleID] { all.map(\.description.id) }
}
