import MMSKit

/// One way to encode an item: its file in the scratch directory (or, for a video not yet encoded, the bitrate
/// it would be encoded at), its size and its quality.
struct Candidate: Sendable {
    /// The encoded file; `nil` for a planned audio or video encode, which ``ContentFitter`` makes once it is
    /// chosen.
    var file: String?
    /// The output format.
    var format: MediaFormat
    /// Output dimensions.
    var width: Int?
    var height: Int?
    /// Size in bytes (for a planned encode, the most it will take).
    var bytes: Int
    /// What the allocator maximises the minimum of: SSIM at the item's display size (a smaller encode is scaled
    /// back up to it, so shrinking is not rewarded), or for audio the bitrate's score (<doc:Fitting>).
    var quality: Double
    /// How it was made, for the report: "JPEG q 74", "MP3 64 kbit/s mono".
    var setting: String
    /// The original file, copied byte for byte.
    var isOriginal = false
    /// Bits per second of audio or video.
    var bitRate: Int?
    /// Frames per second of an animation or video.
    var frameRate: Double?
    /// The MP3 rung of a planned audio encode.
    var audio: AudioEncoder.Rung?
}
