/// The carrier rule on what one frame may hold — at most one text and at most one media (image, audio or
/// video) item — checked here only: `Frame`, the directory builder and the `frame-items` rule all ask this type.
public struct FrameItemCount: Sendable, Hashable {
    /// The most texts a frame may hold.
    public static let maxTexts = 1
    /// The most media items (image, audio or video) a frame may hold.
    public static let maxMedia = 1

    /// How many text items the frame has.
    public var texts: Int
    /// How many image, audio and video items the frame has.
    public var media: Int

    /// The counts of a frame with `texts` texts and `media` media items.
    public init(texts: Int, media: Int) {
        self.texts = texts
        self.media = media
    }

    /// Counts the texts and media among the con_types of a frame's items.
    public init(_ types: some Sequence<ContentType>) {
        var texts = 0
        var media = 0
        for type in types {
            if type == .text { texts += 1 } else { media += 1 }
        }
        self.init(texts: texts, media: media)
    }

    /// What breaks the rule, texts first: `.tooManyTexts(n)` and/or `.tooManyMedia(n)`; empty when the frame fits.
    public var violations: [FrameError] {
        var violations: [FrameError] = []
        if texts > Self.maxTexts { violations.append(.tooManyTexts(count: texts)) }
        if media > Self.maxMedia { violations.append(.tooManyMedia(count: media)) }
        return violations
    }
}
