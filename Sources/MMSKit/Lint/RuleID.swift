/// The stable id of a lint rule (`media-type-mismatch`), as written in reports, `.mmskit.yml` and `mmskit rules`.
///
/// Every id mmskit emits is one of the constants below, and every constant is a rule in `LintRules.all`
/// (the test suite checks both ways), so a diagnostic's id can always be looked up and explained.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// An id read from outside (a configuration file, a command-line argument); `LintRules.rule(id:)` says
    /// whether it names a rule.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    private init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    public static let jsonSyntax = RuleID("json-syntax")
    public static let documentShape = RuleID("document-shape")
    public static let requiredField = RuleID("required-field")
    public static let fieldType = RuleID("field-type")
    public static let unknownField = RuleID("unknown-field")
    public static let duplicateKey = RuleID("duplicate-key")
    public static let contentEmpty = RuleID("content-empty")
    public static let frameShape = RuleID("frame-shape")
    public static let frameEmpty = RuleID("frame-empty")
    public static let frameItems = RuleID("frame-items")
    public static let conType = RuleID("con-type")
    public static let extType = RuleID("ext-type")
    public static let dataBase64 = RuleID("data-base64")
    public static let textEmpty = RuleID("text-empty")
    public static let textLength = RuleID("text-length")
    public static let textEncoding = RuleID("text-encoding")
    public static let mediaFormat = RuleID("media-format")
    public static let mediaTypeMismatch = RuleID("media-type-mismatch")
    public static let mediaIntegrity = RuleID("media-integrity")
    public static let videoWithoutPicture = RuleID("video-without-picture")
    public static let mediaTrailingData = RuleID("media-trailing-data")
    public static let mediaDimensions = RuleID("media-dimensions")
    public static let mediaDuration = RuleID("media-duration")
    public static let totalSize = RuleID("total-size")
    public static let itemSize = RuleID("item-size")
    public static let frameCount = RuleID("frame-count")
    public static let title = RuleID("title")
    public static let signName = RuleID("sign-name")
    public static let purpose = RuleID("purpose")
    public static let templateIDContent = RuleID("template-id-content")
    public static let productID = RuleID("product-id")
    public static let recipientCount = RuleID("recipient-count")
    public static let recipientFormat = RuleID("recipient-format")
    public static let recipientDuplicate = RuleID("recipient-duplicate")
    public static let sendTime = RuleID("send-time")
    public static let optOutLine = RuleID("opt-out-line")
    public static let bracketsInBody = RuleID("brackets-in-body")
    public static let mixedContent = RuleID("mixed-content")
    public static let singleVideo = RuleID("single-video")
    public static let linksInText = RuleID("links-in-text")
    public static let directoryLayout = RuleID("directory-layout")
    public static let manifest = RuleID("manifest")

    /// Every id above, in the order `mmskit rules` lists the rules.
    public static let allCases: [RuleID] = [
        .jsonSyntax,
        .documentShape,
        .requiredField,
        .fieldType,
        .unknownField,
        .duplicateKey,
        .contentEmpty,
        .frameShape,
        .frameEmpty,
        .frameItems,
        .conType,
        .extType,
        .dataBase64,
        .textEmpty,
        .textLength,
        .textEncoding,
        .mediaFormat,
        .mediaTypeMismatch,
        .mediaIntegrity,
        .videoWithoutPicture,
        .mediaTrailingData,
        .mediaDimensions,
        .mediaDuration,
        .totalSize,
        .itemSize,
        .frameCount,
        .title,
        .signName,
        .purpose,
        .templateIDContent,
        .productID,
        .recipientCount,
        .recipientFormat,
        .recipientDuplicate,
        .sendTime,
        .optOutLine,
        .bracketsInBody,
        .mixedContent,
        .singleVideo,
        .linksInText,
        .directoryLayout,
        .manifest,
    ]
}
