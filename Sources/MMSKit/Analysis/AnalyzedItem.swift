/// One item of analysed content: where it came from and what sniffing learned, for reports and later rules.
public struct AnalyzedItem: Sendable, Hashable, Codable {
    /// 1-based frame number.
    public var frame: Int
    /// 1-based position inside the frame (display order).
    public var position: Int
    /// The item's `con_type`: text, image, audio or video.
    public var contentType: ContentType
    /// The item's `ext_type` as declared (`txt` for text), e.g. `jpg`.
    public var extType: String
    /// The file the item came from (relative to the directory), or its JSON path.
    public var source: String
    /// Bytes before base64 (UTF-8 bytes for text).
    public var rawBytes: Int
    /// Bytes of the `data` value on the wire (base64 for media).
    public var wireBytes: Int
    /// Characters of a text item (Unicode characters as a handset counts them).
    public var characters: Int?
    /// Sniffing and structure results of a media item that passed them.
    public var media: SniffedMedia?

    /// The facts of one item; `characters` is set for text, `media` for media that passed sniffing.
    public init(
        frame: Int, position: Int, contentType: ContentType, extType: String, source: String, rawBytes: Int,
        wireBytes: Int, characters: Int? = nil, media: SniffedMedia? = nil
    ) {
        self.frame = frame
        self.position = position
        self.contentType = contentType
        self.extType = extType
        self.source = source
        self.rawBytes = rawBytes
        self.wireBytes = wireBytes
        self.characters = characters
        self.media = media
    }
}
