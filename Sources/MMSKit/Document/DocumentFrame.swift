/// One frame as it was found.
public struct DocumentFrame: Sendable {
    public var index: Int
    public var path: String
    public var location: Diagnostic.Location
    /// `nil` when the frame is not an array (its items are then unknown).
    public var items: [DocumentItem]?
}
