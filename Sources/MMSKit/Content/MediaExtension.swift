/// The `ext_type` of a media item, as written on the wire (`jpg` and `jpeg` are both JPEG and both kept as given).
public enum MediaExtension: String, Sendable, Hashable, Codable, CaseIterable {
    case jpg
    case jpeg
    case png
    case gif
    case mp3
    case mp4

    /// The format this extension declares.
    public var format: MediaFormat {
        switch self {
        case .jpg, .jpeg: .jpeg
        case .png: .png
        case .gif: .gif
        case .mp3: .mp3
        case .mp4: .mp4
        }
    }

    /// The `con_type` that goes with this extension.
    public var contentType: ContentType { format.contentType }

    /// Parses an extension case-insensitively (`JPG` → `.jpg`).
    public init?(caseInsensitive text: some StringProtocol) {
        self.init(rawValue: text.lowercased())
    }

    /// The list users see in messages: "jpg, jpeg, png, gif, mp3, mp4".
    public static let acceptedList = allCases.map(\.rawValue).joined(separator: ", ")
}
