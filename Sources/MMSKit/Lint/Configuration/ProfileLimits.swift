/// Overrides of a profile's limits, as written under `limits:` in `.mmskit.yml` (every key optional).
public struct ProfileLimits: Sendable, Hashable, Codable {
    public var maxTotalBytes: Int?
    public var maxItemBytes: Int?
    public var maxFrames: Int?
    public var maxTitleLength: Int?
    public var maxTextLength: Int?
    public var maxImageWidth: Int?
    public var maxImageHeight: Int?
    public var maxDurationSeconds: Double?
    public var maxRecipients: Int?
    public var signNameRequired: Bool?
    public var allowedFormats: [MediaFormat]?

    public init(
        maxTotalBytes: Int? = nil, maxItemBytes: Int? = nil, maxFrames: Int? = nil, maxTitleLength: Int? = nil,
        maxTextLength: Int? = nil, maxImageWidth: Int? = nil, maxImageHeight: Int? = nil,
        maxDurationSeconds: Double? = nil, maxRecipients: Int? = nil, signNameRequired: Bool? = nil,
        allowedFormats: [MediaFormat]? = nil
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
    }

    /// The YAML keys, in the order <doc:Profiles> documents them.
    public static let keys = [
        "max_total_bytes", "max_item_bytes", "max_frames", "max_title_length", "max_text_length",
        "max_image_width", "max_image_height", "max_duration_seconds", "max_recipients", "sign_name_required",
        "allowed_formats",
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
        if let maxRecipients { result.maxRecipients = maxRecipients }
        if let signNameRequired { result.signNameRequired = signNameRequired }
        if let allowedFormats { result.allowedFormats = allowedFormats }
        return result
    }
}
