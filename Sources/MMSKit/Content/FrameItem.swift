/// One item of a frame: a text or a media file.
public enum FrameItem: Sendable, Hashable {
    /// Text shown on the handset (`con_type` text, `ext_type` txt).
    case text(String)
    /// An image, audio or video, with its `ext_type` and raw bytes.
    case media(MediaItem)

    /// The wire `con_type`.
    public var contentType: ContentType {
        switch self {
        case .text: .text
        case .media(let media): media.contentType
        }
    }

    /// The wire `ext_type` (`txt` for text).
    public var extType: String {
        switch self {
        case .text: "txt"
        case .media(let media): media.extType.rawValue
        }
    }

    /// Bytes the item carries before base64: UTF-8 length for text, file length for media.
    public var rawByteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .media(let media): media.data.count
        }
    }

    /// Bytes of the `data` value on the wire: base64 length for media, UTF-8 length for text.
    public var wireByteCount: Int {
        switch self {
        case .text(let text): text.utf8.count
        case .media(let media): Base64.encodedLength(of: media.data.count)
        }
    }
}
