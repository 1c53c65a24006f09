/// What a media file is, as the decoders see it: the facts fitting decides from and the report shows.
public struct SourceMedia: Sendable, Hashable, Codable {
    /// What kind of item the file makes.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A still image.
        case still
        /// An animated image (GIF, APNG, WebP with several frames).
        case animation
        /// Sound only.
        case audio
        /// Moving pictures, with or without sound.
        case video
    }

    /// The kind.
    public var kind: Kind
    /// libmagic's MIME type for the file (`image/heic`, `video/quicktime`).
    public var libmagic: String
    /// The decoder that read it (libvips's loader, or FFmpeg's format and codec).
    public var decoder: String
    /// Width in pixels, as displayed (after the EXIF orientation).
    public var width: Int?
    /// Height in pixels, as displayed.
    public var height: Int?
    /// Whether a still image has an alpha channel.
    public var hasAlpha: Bool
    /// Duration of audio, video or an animation, in seconds.
    public var durationSeconds: Double?
    /// Frames per second of video or an animation.
    public var frameRate: Double?
    /// Frames of an animation.
    public var frameCount: Int?
    /// Whether a video has a sound track.
    public var hasAudio: Bool
    /// Audio channels (of the sound track, for a video).
    public var audioChannels: Int?
    /// Samples per second of the sound.
    public var audioSampleRate: Int?
    /// The video codec (`h264`, `hevc`, `prores`), or the audio codec for audio.
    public var codec: String?
    /// The sound track's codec, for a video.
    public var audioCodec: String?
    /// Bits per second of the whole file, where the decoder says.
    public var bitRate: Int?
    /// The file's size in bytes.
    public var bytes: Int

    /// "4032×3024", "1920×1080, 20.0 s", "30.0 s"; what the report shows of the source.
    public var summary: String {
        var parts: [String] = []
        if let width, let height { parts.append("\(width)×\(height)") }
        if kind == .animation, let frameCount { parts.append("\(frameCount) frames") }
        if let durationSeconds, kind != .still { parts.append(String(format: "%.1f s", durationSeconds)) }
        return parts.joined(separator: ", ")
    }
}
