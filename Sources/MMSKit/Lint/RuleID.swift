/// The stable id of a lint rule (`media-type-mismatch`), as written in reports, `.mmskit.yml` and `mmskit rules`.
///
/// Every id mmskit emits is one of the constants below, and every constant is a rule in `LintRules.all`
/// (the test suite checks both ways), so a diagnostic's id can always be looked up and explained.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The id as written, e.g. `media-type-mismatch`.
    public let rawValue: String

    /// An id read from outside (a configuration file, a command-line argument); `LintRules.rule(id:)` says
    /// whether it names a rule.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    private init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The id as written.
    public var description: String { rawValue }

    /// Orders ids alphabetically.
    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `json-syntax`: the file is well-formed JSON (RFC 8259), nested at most 128 levels.
    public static let jsonSyntax = RuleID("json-syntax")
    /// `document-shape`: the top level is a frame array (content) or an object (templateCreate / batchSend body).
    public static let documentShape = RuleID("document-shape")
    /// `required-field`: templateCreate bodies have content; batchSend bodies have product_id and phone.
    public static let requiredField = RuleID("required-field")
    /// `field-type`: known fields have the right JSON type (strings, integers, an array of strings, a frame array).
    public static let fieldType = RuleID("field-type")
    /// `unknown-field`: no fields the API does not define (at the top level and in items).
    public static let unknownField = RuleID("unknown-field")
    /// `duplicate-key`: no object repeats a key.
    public static let duplicateKey = RuleID("duplicate-key")
    /// `content-empty`: the content has at least one frame.
    public static let contentEmpty = RuleID("content-empty")
    /// `frame-shape`: every frame is an array of items, every item an object with string con_type, ext_type and data.
    public static let frameShape = RuleID("frame-shape")
    /// `frame-empty`: no frame is empty.
    public static let frameEmpty = RuleID("frame-empty")
    /// `frame-items`: a frame holds at most one text item and at most one media (image, audio or video) item.
    public static let frameItems = RuleID("frame-items")
    /// `con-type`: con_type is text, image, audio or video.
    public static let conType = RuleID("con-type")
    /// `ext-type`: ext_type is allowed and matches con_type: text↔txt, image↔jpg/jpeg/png/gif, audio↔mp3, video↔mp4.
    public static let extType = RuleID("ext-type")
    /// `data-base64`: a media item's data is strict base64 (standard alphabet, = padding, no whitespace) of a non-empty
    /// file.
    public static let dataBase64 = RuleID("data-base64")
    /// `text-empty`: a text item's data is not empty or only whitespace.
    public static let textEmpty = RuleID("text-empty")
    /// `text-length`: each text item has at most the profile's max_text_length characters (when set).
    public static let textLength = RuleID("text-length")
    /// `text-encoding`: text files are UTF-8 (a BOM is allowed and dropped).
    public static let textEncoding = RuleID("text-encoding")
    /// `media-format`: decoded media is JPEG, PNG, GIF, MP3 or MP4 according to libmagic (not WebP, HEIC, M4A, MOV, …).
    public static let mediaFormat = RuleID("media-format")
    /// `media-type-mismatch`: the format libmagic finds in the data is the one ext_type (or the file extension)
    /// declares (jpg ≡ jpeg).
    public static let mediaTypeMismatch = RuleID("media-type-mismatch")
    /// `media-integrity`: media is structurally whole: PNG chunks to IEND, JPEG to EOI, GIF to its trailer, MP3 frames,
    /// MP4 boxes.
    public static let mediaIntegrity = RuleID("media-integrity")
    /// `video-without-picture`: an MP4 sent as con_type video has a video track.
    public static let videoWithoutPicture = RuleID("video-without-picture")
    /// `media-trailing-data`: no bytes follow the media's end: JPEG EOI, PNG IEND, GIF trailer, the last MP3 frame and
    /// its tags, the last MP4 box.
    public static let mediaTrailingData = RuleID("media-trailing-data")
    /// `media-dimensions`: image and video width/height are within the profile's max_image_width/max_image_height (when
    /// set).
    public static let mediaDimensions = RuleID("media-dimensions")
    /// `media-duration`: audio and video last no longer than the profile's max_duration_seconds (when set).
    public static let mediaDuration = RuleID("media-duration")
    /// `total-size`: all items together (media decoded, text as UTF-8) stay within the profile's max_total_bytes.
    public static let totalSize = RuleID("total-size")
    /// `item-size`: each item (decoded) stays within the profile's max_item_bytes (when set).
    public static let itemSize = RuleID("item-size")
    /// `frame-count`: the message has at most the profile's max_frames frames.
    public static let frameCount = RuleID("frame-count")
    /// `title`: title is present (templates; batches without template_id), not blank, and within max_title_length
    /// characters.
    public static let title = RuleID("title")
    /// `sign-name`: sign_name is present where required and is a company or shop name inside 【】 (2–20 characters).
    public static let signName = RuleID("sign-name")
    /// `purpose`: templateCreate bodies have a non-blank purpose.
    public static let purpose = RuleID("purpose")
    /// `template-id-content`: a batchSend body has content or template_id; with both, content wins (warning).
    public static let templateIDContent = RuleID("template-id-content")
    /// `product-id`: product_id is a positive integer.
    public static let productID = RuleID("product-id")
    /// `recipient-count`: phone holds between 1 and max_recipients numbers (10,000 for ihuyi).
    public static let recipientCount = RuleID("recipient-count")
    /// `recipient-format`: each phone is an 11-digit mainland mobile number (after removing +86/0086, spaces and
    /// dashes).
    public static let recipientFormat = RuleID("recipient-format")
    /// `recipient-duplicate`: no number appears twice (after normalisation).
    public static let recipientDuplicate = RuleID("recipient-duplicate")
    /// `send-time`: send_time is `YYYY-MM-DD HH:MM:SS`, a real date, and not in the past (China time, UTC+8).
    public static let sendTime = RuleID("send-time")
    /// `opt-out-line`: the text has an opt-out line such as 回T退订 or 拒收请回复R.
    public static let optOutLine = RuleID("opt-out-line")
    /// `brackets-in-body`: body text does not use 【】 (reserved for the signature).
    public static let bracketsInBody = RuleID("brackets-in-body")
    /// `mixed-content`: the message has both text and media (not text-only, not media-only).
    public static let mixedContent = RuleID("mixed-content")
    /// `single-video`: the message has at most one video.
    public static let singleVideo = RuleID("single-video")
    /// `links-in-text`: the text has no URLs or short links.
    public static let linksInText = RuleID("links-in-text")
    /// `directory-layout`: every file in a media directory fits a frame: a leading frame number (or a manifest entry),
    /// no subdirectories, no symlinks leaving the directory.
    public static let directoryLayout = RuleID("directory-layout")
    /// `manifest`: mms.yaml is valid YAML with only title, sign_name, purpose and frames, each of the right type.
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
