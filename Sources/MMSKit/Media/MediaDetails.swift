/// What a structural walk learned about a media file, for later rules and for `mmskit inspect`.
///
/// Every field is optional: a field a format cannot have (a duration for a PNG) stays `nil`.
public struct MediaDetails: Sendable, Equatable, Hashable, Codable {
    /// Pixel width of an image, or of the first video track of an MP4.
    public var width: Int?
    /// Pixel height of an image, or of the first video track of an MP4.
    public var height: Int?
    /// Playing time in seconds: audio, video, an animated GIF's summed frame delays, an APNG's.
    public var durationSeconds: Double?
    /// Number of image frames of a GIF or APNG (1 for a still image).
    public var frameCount: Int?
    /// Whether an MP4 carries a video track (an audio-only MP4 is `false`).
    public var hasVideoTrack: Bool?
    /// Whether an MP4 carries an audio track.
    public var hasAudioTrack: Bool?
    /// Bytes after the format's end (JPEG EOI, PNG IEND, GIF trailer, the last MP3 frame and its tags, the last
    /// MP4 box); nil when there are none.
    public var trailingBytes: Int?

    /// Details with the given facts; `nil` for what does not apply or is unknown.
    public init(
        width: Int? = nil, height: Int? = nil, durationSeconds: Double? = nil, frameCount: Int? = nil,
        hasVideoTrack: Bool? = nil, hasAudioTrack: Bool? = nil
    ) {
        self.width = width
        self.height = height
        self.durationSeconds = durationSeconds
        self.frameCount = frameCount
        self.hasVideoTrack = hasVideoTrack
        self.hasAudioTrack = hasAudioTrack
    }
}
