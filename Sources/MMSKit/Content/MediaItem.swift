import Foundation

/// An image, audio or video item: the declared extension and the raw (not base64) bytes.
///
/// The `con_type` follows from the extension, so an item can never claim to be a video with a `png` ext_type.
public struct MediaItem: Sendable, Hashable {
    /// The `ext_type` the item is declared with, which also fixes its `con_type`.
    public var extType: MediaExtension
    /// The media file's bytes as they are, before the base64 encoding of the wire.
    public var data: Data

    /// A media item of the given extension holding the raw bytes `data` (not checked against the extension here).
    public init(extType: MediaExtension, data: Data) {
        self.extType = extType
        self.data = data
    }

    /// The `con_type` this item is sent as.
    public var contentType: ContentType { extType.contentType }
}
