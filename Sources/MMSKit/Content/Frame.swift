/// One page of an MMS: at most one text and at most one media item, in display order.
///
/// The only way to make a frame is through initialisers that enforce the carrier rule, so a `Frame` value is
/// always sendable as it is.
public struct Frame: Sendable, Hashable {
    /// The items in display order (one or two).
    public let items: [FrameItem]

    /// Makes a frame from items in display order.
    /// - Throws: `FrameError` when the list is empty, holds two texts, or holds two media items.
    public init(items: [FrameItem]) throws(FrameError) {
        guard !items.isEmpty else { throw .empty }
        if let violation = FrameItemCount(items.map(\.contentType)).violations.first { throw violation }
        self.items = items
    }

    /// A frame with just a text.
    public init(text: String) {
        self.items = [.text(text)]
    }

    /// A frame with just a media item.
    public init(media: MediaItem) {
        self.items = [.media(media)]
    }

    /// A frame with a text and a media item; `textFirst` decides the display order.
    public init(text: String, media: MediaItem, textFirst: Bool = true) {
        self.items = textFirst ? [.text(text), .media(media)] : [.media(media), .text(text)]
    }

    /// The frame's text, if it has one.
    public var text: String? {
        for case .text(let text) in items { return text }
        return nil
    }

    /// The frame's media item, if it has one.
    public var media: MediaItem? {
        for case .media(let media) in items { return media }
        return nil
    }
}

/// Why a list of items cannot be a frame.
public enum FrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The frame has no item.
    case empty
    /// The frame has `count` texts, more than one.
    case tooManyTexts(count: Int)
    /// The frame has `count` media items, more than one.
    case tooManyMedia(count: Int)

    /// What is wrong with the frame and how to fix it, as one sentence for the user.
    public var description: String {
        switch self {
        case .empty:
            "a frame needs at least one item; remove the empty frame"
        case .tooManyTexts(let count):
            "a frame holds at most one text, this one has \(count); put each text in its own frame"
        case .tooManyMedia(let count):
            "a frame holds at most one image, audio or video, this one has \(count); put each media file in its own frame"
        }
    }
}
