/// Overrides of a profile's limits, as written under `limits:` in `.mmskit.yml` (every key optional).
public struct ProfileLimits: Sendable, Hashable, Codable {
    /// `max_total_bytes`: most decoded bytes of all items together; `nil` keeps the profile's value (as for every
    /// field).
    public var maxTotalBytes: Int?
    /// `max_item_bytes`: most decoded bytes of one item.
    public var maxItemBytes: Int?
    /// `max_frames`: most frames in one message.
    public var maxFrames: Int?
    /// `max_title_length`: longest template title, in characters.
    public var maxTitleLength: Int?
    /// `max_text_length`: longest text of one frame, in characters.
    public var maxTextLength: Int?
    /// `max_image_width`: widest image, in pixels.
    public var maxImageWidth: Int?
    /// `max_image_height`: tallest image, in pixels.
    public var maxImageHeight: Int?
    /// `max_duration_seconds`: longest audio or video, in seconds.
    public var maxDurationSeconds: Double?
    /// `max_video_width`: widest landscape video, in pixels.
    public var maxVideoWidth: Int?
    /// `max_video_height`: tallest landscape video, in pixels.
    public var maxVideoHeight: Int?
    /// `max_frame_rate`: highest frame rate of a video or animation.
    public var maxFrameRate: Double?
    /// `max_recipients`: most recipients in one batchSend request.
    public var maxRecipients: Int?
    /// `sign_name_required`: whether every message needs a sign_name.
    public var signNameRequired: Bool?
    /// `allowed_formats`: the media formats the provider accepts.
    public var allowedFormats: [MediaFormat]?

    /// Overrides of the given limits; every one left `nil` keeps the profile's value.
    public init(
        maxTotalBytes: Int? = nil, maxItemBytes: Int? = nil, maxFrames: Int? = nil, maxTitleLength: Int? = nil,
        maxTextLength: Int? = nil, maxImageWidth: Int? = nil, maxImageHeight: Int? = nil,
        maxDurationSeconds: Double? = nil, maxRecipients: Int? = nil, signNameRequired: Bool? = nil,
        allowedFormats: [MediaFormat]? = nil, maxVideoWidth: Int? = nil, maxVideoHeight: Int? = nil,
        maxFrameRate: Double? = nil
    ) {
        self.maxTotalBytes = maxTotalBytes
        self.maxItemBytes = maxItemBytes
        self.maxFrames = maxFrames
        self.maxTitleLength = maxTitleLength
        self.maxTextLength = maxTextLength
        self.maxImageWidth = maxImageWidth
        self.maxImageHeight = maxImageHeight
        self.maxDurationSeconds = maxDurationSeconds
        self.maxRecipients = maxRecipients
        self.signNameRequired = signNameRequired
        self.allowedFormats = allowedFormats
        self.maxVideoWidth = maxVideoWidth
        self.maxVideoHeight = maxVideoHeight
        self.maxFrameRate = maxFrameRate
    }

    /// The YAML keys, in the order <doc:Profiles> documents them.
    public static let keys = [
        "max_total_bytes", "max_item_bytes", "max_frames", "max_title_length", "max_text_length",
        "max_image_width", "max_image_height", "max_duration_seconds", "max_video_width", "max_video_height",
        "max_frame_rate", "max_recipients", "sign_name_required", "allowed_formats",
    ]

    /// The overrides as `.mmskit.yml` writes them: `max_total_bytes: 1000, max_frames: 3`.
    public var yamlDescription: String {
        var parts: [String] = []
        func add(_ key: String, _ value: CustomStringConvertible?) { if let value { parts.append("\(key): \(value)") } }
        add("max_total_bytes", maxTotalBytes)
        add("max_item_bytes", maxItemBytes)
        add("max_frames", maxFrames)
        add("max_title_length", maxTitleLength)
        add("max_text_length", maxTextLength)
        add("max_image_width", maxImageWidth)
        add("max_image_height", maxImageHeight)
        add("max_duration_seconds", maxDurationSeconds)
        add("max_video_width", maxVideoWidth)
        add("max_video_height", maxVideoHeight)
        add("max_frame_rate", maxFrameRate)
        add("max_recipients", maxRecipients)
        add("sign_name_required", signNameRequired)
        add(
            "allowed_formats",
            allowedFormats.map { "[" + $0.map(\.preferredExtension.rawValue).joined(separator: ", ") + "]" })
        return parts.joined(separator: ", ")
    }

    /// `profile` with these overrides applied.
    public func applied(to profile: ProviderProfile) -> ProviderProfile {
        var result = profile
        if let maxTotalBytes { result.maxTotalBytes = maxTotalBytes }
        if let maxItemBytes { result.maxItemBytes = maxItemBytes }
        if let maxFrames { result.maxFrames = maxFrames }
        if let maxTitleLength { result.maxTitleLength = maxTitleLength }
        if let maxTextLength { result.maxTextLength = maxTextLength }
        if let maxImageWidth { result.maxImageWidth = maxImageWidth }
        if let maxImageHeight { result.maxImageHeight = maxImageHeight }
        if let maxDurationSeconds { result.maxDurationSeconds = maxDurationSeconds }
        if let maxVideoWidth { result.maxVideoWidth = maxVideoWidth }
        if let maxVideoHeight { result.maxVideoHeight = maxVideoHeight }
        if let maxFrameRate { result.maxFrameRate = maxFrameRate }
        if let maxRecipients { result.maxRecipients = maxRecipients }
        if let signNameRequired { result.signNameRequired = signNameRequired }
        if let allowedFormats { result.allowedFormats = allowedFormats }
        return result
    }
}
