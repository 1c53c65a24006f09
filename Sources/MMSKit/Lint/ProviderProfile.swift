/// The limits a provider (or the carriers behind it) puts on a message. Rules read limits from here, never
/// from constants of their own, so a user can override each one in `.mmskit.yml`.
///
/// ihuyi publishes none of these numbers; the defaults come from comparable Chinese video-SMS products and are
/// documented with their source in <doc:Profiles>.
public struct ProviderProfile: Sendable, Hashable, Codable {
    /// The profile's name in `.mmskit.yml` (`ihuyi`, `conservative`).
    public var name: String
    /// Most decoded bytes for all items together (media before base64 plus text as UTF-8).
    public var maxTotalBytes: Int?
    /// Most decoded bytes for one item.
    public var maxItemBytes: Int?
    /// Most frames in one message.
    public var maxFrames: Int?
    /// Longest template title, in characters.
    public var maxTitleLength: Int?
    /// Longest text of one frame, in characters.
    public var maxTextLength: Int?
    /// Widest image, in pixels; `nil` for no limit (as for every optional limit here).
    public var maxImageWidth: Int?
    /// Tallest image, in pixels.
    public var maxImageHeight: Int?
    /// Longest audio or video, in seconds.
    public var maxDurationSeconds: Double?
    /// Widest video, in pixels, for a landscape clip (a portrait clip is held to the box turned upright).
    public var maxVideoWidth: Int?
    /// Tallest video, in pixels, for a landscape clip.
    public var maxVideoHeight: Int?
    /// Highest frame rate of a video or animation, in frames per second (`mmskit fit` caps it; lint does not
    /// measure frame rates).
    public var maxFrameRate: Double?
    /// Formats the provider accepts (a subset of the MMS formats).
    public var allowedFormats: [MediaFormat]
    /// Whether every message needs a sign_name (【公司名】).
    public var signNameRequired: Bool
    /// Most recipients in one batchSend request.
    public var maxRecipients: Int

    /// A profile with every limit given; the built-in ones are `ihuyi` and `conservative`.
    public init(
        name: String, maxTotalBytes: Int?, maxItemBytes: Int?, maxFrames: Int?, maxTitleLength: Int?,
        maxTextLength: Int?, maxImageWidth: Int?, maxImageHeight: Int?, maxDurationSeconds: Double?,
        allowedFormats: [MediaFormat], signNameRequired: Bool, maxRecipients: Int, maxVideoWidth: Int? = nil,
        maxVideoHeight: Int? = nil, maxFrameRate: Double? = nil
    ) {
        self.name = name
        self.maxTotalBytes = maxTotalBytes
        self.maxItemBytes = maxItemBytes
        self.maxFrames = maxFrames
        self.maxTitleLength = maxTitleLength
        self.maxTextLength = maxTextLength
        self.maxImageWidth = maxImageWidth
        self.maxImageHeight = maxImageHeight
        self.maxDurationSeconds = maxDurationSeconds
        self.allowedFormats = allowedFormats
        self.signNameRequired = signNameRequired
        self.maxRecipients = maxRecipients
        self.maxVideoWidth = maxVideoWidth
        self.maxVideoHeight = maxVideoHeight
        self.maxFrameRate = maxFrameRate
    }

    /// ihuyi marketing MMS (the default).
    /// - Total < 1900 KB and at most 9 frames: what Aliyun digital SMS and Volcengine video SMS publish
    ///   (ihuyi publishes no limit).
    /// - Per item: no separate limit published; the total limit applies.
    /// - Title ≤ 40 characters: mmskit's own default (no provider publishes one).
    /// - 10,000 recipients per batchSend: the ihuyi document.
    public static let ihuyi = ProviderProfile(
        name: "ihuyi", maxTotalBytes: 1900 * 1024, maxItemBytes: nil, maxFrames: 9, maxTitleLength: 40,
        maxTextLength: nil, maxImageWidth: nil, maxImageHeight: nil, maxDurationSeconds: nil,
        allowedFormats: MediaFormat.allCases, signNameRequired: true, maxRecipients: 10_000)

    /// Conservative handset-friendly limits: 300 KB total (Android's default MMS configuration,
    /// `maxMessageSize`), 9 frames, images at most 1280×1280, video at most 640×480 at 30 fps (H.264 level 3.0,
    /// which the oldest handsets' decoders play).
    public static let conservative = ProviderProfile(
        name: "conservative", maxTotalBytes: 300 * 1024, maxItemBytes: nil, maxFrames: 9, maxTitleLength: 40,
        maxTextLength: nil, maxImageWidth: 1280, maxImageHeight: 1280, maxDurationSeconds: nil,
        allowedFormats: MediaFormat.allCases, signNameRequired: true, maxRecipients: 10_000, maxVideoWidth: 640,
        maxVideoHeight: 480, maxFrameRate: 30)

    /// The built-in profiles by name.
    public static let builtIn: [String: ProviderProfile] = ["ihuyi": .ihuyi, "conservative": .conservative]
}
