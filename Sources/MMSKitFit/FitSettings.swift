/// What fitting aims for where the profile sets no limit, and how low it may go. Every default and its source
/// is in <doc:Fitting>; the profile's limits (`max_image_width`, `max_duration_seconds`, …) always apply on top.
public struct FitSettings: Sendable, Hashable {
    /// Widest still image or animation fitting writes: 1080 px, a phone screen's width in pixels (a handset
    /// shows an MMS picture at most screen-wide and scales anything larger down itself).
    public var imageMaxWidth = 1080
    /// Tallest still image: 4 screens of 1080 px, so a long poster stays readable when scrolled.
    public var imageMaxHeight = 4320
    /// Longest edge of a video: 1280 px, and the short edge at most 720 px (H.264 Main profile level 3.1's
    /// 1280×720, which every handset's hardware decoder plays).
    public var videoMaxLongEdge = 1280
    /// Shortest edge of a video at most.
    public var videoMaxShortEdge = 720
    /// Highest frame rate of a video: 30 fps (level 3.1 at 1280×720).
    public var videoMaxFrameRate = 30.0
    /// Lowest JPEG quality fitting uses (libjpeg's scale): below 30 blocking shows on every photo.
    public var minimumJPEGQuality = 30
    /// Smallest scale of a still image or animation, relative to its display size.
    public var minimumImageScale = 0.35
    /// Lowest MP3 bitrate, bits per second: 16 kbit/s mono, still intelligible speech.
    public var minimumAudioBitRate = 16_000
    /// Lowest H.264 bits per pixel per frame before fitting shrinks the picture (or, at the smallest, halves the
    /// frame rate): 0.02. Measured on a 1080p camera pan at 330 kbit/s, SSIM at 1280×720: 960×540 (0.025 bits
    /// per pixel) 0.987, 1280×720 (0.014) 0.984, 720×404 0.977, 536×302 0.965 — shrinking early costs more
    /// than it saves.
    public var minimumVideoBitsPerPixel = 0.02
    /// Smallest video height fitting shrinks to.
    public var minimumVideoHeight = 144

    /// The defaults above.
    public init() {}
}
