import Foundation

/// A `data:` URI for a media item, the only kind of URL a preview ever puts into a `src` attribute.
///
/// The MIME type comes from the format sniffing established (libmagic and the structural walk), one of five fixed
/// strings — never from a file name, an `ext_type` or anything else the content says about itself.
public struct MediaDataURI: Sendable, Hashable {
    /// `data:<mime>;base64,<data>`.
    public let value: String
    /// The sniffed format the URI's MIME type comes from.
    public let format: MediaFormat

    /// The URI for `bytes` sniffed as `sniffed`; `nil` when the bytes were not sniffed as MMS media.
    public init?(bytes: Data, sniffed: SniffedMedia?) {
        guard let format = sniffed?.format, !bytes.isEmpty else { return nil }
        self.format = format
        value = "data:\(Self.mimeType(of: format));base64,\(bytes.base64EncodedString())"
    }

    /// The whitelisted MIME type of each format.
    static func mimeType(of format: MediaFormat) -> String {
        switch format {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .gif: "image/gif"
        case .mp3: "audio/mpeg"
        case .mp4: "video/mp4"
        }
    }
}
