/// One item of a frame as it was found, valid or not, so that every rule can look at it.
public struct DocumentItem: Sendable {
    /// 0-based index of the frame and of the item inside it.
    public var frameIndex: Int
    /// The item's 0-based position in its frame.
    public var index: Int
    /// JSON path (`content[2][1]`) or, for a directory, the file name.
    public var path: String
    /// Where the item is: its JSON object, or its file.
    public var location: Diagnostic.Location
    /// The JSON value of the item (`nil` for a directory).
    public var value: JSONValue?
    /// The `con_type` as written, when it is a string.
    public var conType: String?
    /// The `ext_type` as written, when it is a string.
    public var extType: String?
    /// The `data` value (`nil` for a directory, or when missing).
    public var data: JSONValue?
    /// The text of a text item whose `data` is a string.
    public var text: String?
    /// Facts about a media item's bytes (absent for text and for items whose data is not a string).
    public var media: MediaFacts?

    /// The known `con_type`, if it is one.
    public var contentType: ContentType? { conType.flatMap(ContentType.init(rawValue:)) }

    /// Location of a member of the item (`ext_type`, `data`), falling back to the item's own location.
    public func location(of member: String, in file: String) -> Diagnostic.Location {
        guard let value = value?[member] else { return location }
        return value.position.location(in: file)
    }
}
