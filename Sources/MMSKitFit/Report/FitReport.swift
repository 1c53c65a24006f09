import MMSKit

/// What a fit did: per item what it was and what it became, with its measured quality, and the totals against
/// the budget. `--json` prints it as is (snake_case keys).
public struct FitReport: Sendable, Codable {
    /// What an item became.
    public enum Action: String, Sendable, Codable {
        /// A text, copied as it is.
        case text
        /// Media copied byte for byte: already in an accepted format, within the limits, not needed for the budget.
        case copied
        /// Media converted or compressed.
        case converted
    }

    /// The output side of an item.
    public struct Result: Sendable, Codable, Hashable {
        /// The MMS format (`jpeg`, `png`, `gif`, `mp3`, `mp4`), or `text`.
        public var format: String
        /// Width in pixels of a picture.
        public var width: Int?
        /// Height in pixels of a picture.
        public var height: Int?
        /// How it was encoded ("JPEG q 71", "MP3 64 kbit/s mono", "H.264 480 kbit/s, 640×360 30 fps, AAC 48 kbit/s").
        public var setting: String?
        /// Bits per second of audio or video.
        public var bitRate: Int?
        /// Size in bytes (a text's UTF-8 bytes).
        public var bytes: Int

        enum CodingKeys: String, CodingKey {
            case format, width, height, setting, bytes
            case bitRate = "bit_rate"
        }
    }

    /// One item of the message.
    public struct Item: Sendable, Codable {
        /// The frame, from 1.
        public var frame: Int
        /// The source file's name in the directory (`mms.yaml` for a text written there).
        public var source: String
        /// The file's name in the output directory.
        public var output: String
        /// Whether it was copied or converted.
        public var action: Action
        /// What the source is (nil for texts).
        public var input: SourceMedia?
        /// What it became.
        public var result: Result
        /// SSIM (luma) of a re-encoded image, animation or video against the original scaled to the output size.
        public var ssim: Double?

        enum CodingKeys: String, CodingKey {
            case frame, source, output, action, input, result, ssim
        }
    }

    /// The content directory fitted.
    public var directory: String
    /// The directory written.
    public var output: String
    /// The profile's name.
    public var profile: String
    /// The budget: the profile's `max_total_bytes`, or `--budget`.
    public var budgetBytes: Int
    /// Every item's bytes together (media as decoded bytes, texts as UTF-8), as `build` counts them.
    public var totalBytes: Int
    /// The lowest SSIM of any re-encoded item.
    public var worstSSIM: Double?
    /// Every item, in frame order.
    public var items: [Item]
    /// Warnings about the layout (a file not listed in the manifest, …).
    public var warnings: [Diagnostic]

    enum CodingKeys: String, CodingKey {
        case directory, output, profile, items, warnings
        case budgetBytes = "budget_bytes"
        case totalBytes = "total_bytes"
        case worstSSIM = "worst_ssim"
    }
}

extension SourceMedia {
    enum CodingKeys: String, CodingKey {
        case kind, libmagic, decoder, width, height, codec, bytes
        case hasAlpha = "has_alpha"
        case durationSeconds = "duration_seconds"
        case frameRate = "frame_rate"
        case frameCount = "frame_count"
        case hasAudio = "has_audio"
        case audioChannels = "audio_channels"
        case audioSampleRate = "audio_sample_rate"
        case audioCodec = "audio_codec"
        case bitRate = "bit_rate"
    }
}
