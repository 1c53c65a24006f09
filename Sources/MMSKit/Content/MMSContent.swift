/// The `content` of an MMS: frames in order.
public struct MMSContent: Sendable, Hashable {
    /// The frames in the order a handset shows them.
    public var frames: [Frame]

    /// Content made of `frames`, shown in that order.
    public init(frames: [Frame]) {
        self.frames = frames
    }

    /// All items, frame by frame.
    public var items: [FrameItem] { frames.flatMap(\.items) }

    /// Raw bytes of every item (text UTF-8 plus media before base64).
    public var rawByteCount: Int { items.reduce(0) { $0 + $1.rawByteCount } }

    /// Bytes of the `data` values on the wire (media as base64).
    public var wireByteCount: Int { items.reduce(0) { $0 + $1.wireByteCount } }
}
