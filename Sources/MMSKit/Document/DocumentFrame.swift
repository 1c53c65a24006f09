/// One frame as it was found.
public struct DocumentFrame: Sendable {
    /// The frame's 0-based position in the content.
    public var index: Int
    /// How diagnostics name the frame: its JSON path, or `frame N` for a directory.
    public var path: String
    /// Where the frame starts (for a directory, its first file).
    public var location: Diagnostic.Location
    /// `nil` when the frame is not an array (its items are then unknown).
    public var items: [DocumentItem]?
}
