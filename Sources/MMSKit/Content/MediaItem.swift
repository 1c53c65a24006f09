import Foundation

/// An image, audio or video item: the declared extension and the raw (not base64) bytes.
///
/// The `con_type` follows from the extension, so an item can never claim to be a video with a `png` ext_type.
public struct MediaItem: Sendable, Hashable {
    public var extType: MediaExtension
    public var data: Data

    public init(extType: MediaExtension, data: Data) {
        self.extType = extType
        self.data = data
    }

    /// The `con_type` this item is sent as.
    public var contentType: ContentType { extType.contentType }
}
