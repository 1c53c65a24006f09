/// A media format MMS carriers accept, as established by sniffing the bytes (not by a file name).
public enum MediaFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg
    case png
    case gif
    case mp3
    case mp4

    /// The MIME type libmagic reports for this format.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .mp3: "audio/mpeg"
        case .mp4: "video/mp4"
        }
    }

    /// The format libmagic's MIME type stands for, if MMS accepts it.
    public init?(mimeType: String) {
        guard let format = MediaFormat.allCases.first(where: { $0.mimeType == mimeType }) else { return nil }
        self = format
    }

    /// The `con_type` an item of this format is sent as.
    public var contentType: ContentType {
        switch self {
        case .jpeg, .png, .gif: .image
        case .mp3: .audio
        case .mp4: .video
        }
    }

    /// The extension to suggest when a file must be renamed (`jpg` for JPEG).
    public var preferredExtension: MediaExtension {
        switch self {
        case .jpeg: .jpg
        case .png: .png
        case .gif: .gif
        case .mp3: .mp3
        case .mp4: .mp4
        }
    }

    /// A short human name ("JPEG image") for messages.
    public var displayName: String {
        switch self {
        case .jpeg: "JPEG image"
        case .png: "PNG image"
        case .gif: "GIF image"
        case .mp3: "MP3 audio"
        case .mp4: "MP4 video"
        }
    }
}
