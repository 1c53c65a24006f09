/// A media file that passed sniffing and its structural check, with what was learned about it.
public struct SniffedMedia: Sendable, Hashable, Codable {
    /// The format the bytes really have, whatever their extension says.
    public var format: MediaFormat
    /// What libmagic said (after skipping a leading ID3v2 tag for MP3).
    public var mimeType: String
    /// The size of the file in bytes (before base64).
    public var byteCount: Int
    /// What the structural check learned, e.g. dimensions or whether an MP4 has a video track.
    public var details: MediaDetails

    /// A sniffing result with the given facts (`MediaSniffer` makes them from the bytes).
    public init(format: MediaFormat, mimeType: String, byteCount: Int, details: MediaDetails) {
        self.format = format
        self.mimeType = mimeType
        self.byteCount = byteCount
        self.details = details
    }

    /// The `con_type` this media is sent as.
    public var contentType: ContentType { format.contentType }

    /// An MP4 with no video track (audio only) that would go out as `con_type` video.
    public var isAudioOnlyVideo: Bool { format == .mp4 && details.hasVideoTrack == false }
}
