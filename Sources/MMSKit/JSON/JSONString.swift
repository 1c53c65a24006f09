import Foundation

/// A JSON string value. Long plain-ASCII strings (base64 media) stay a slice of the source bytes until text is
/// asked for, so a multi-megabyte `data` field is decoded straight from the file, never copied into a `String`.
public struct JSONString: Sendable, Hashable, CustomStringConvertible {
    private enum Storage: Sendable, Hashable {
        case text(String)
        /// ASCII bytes of the source: valid UTF-8 by construction.
        case source(Data)
    }

    private let storage: Storage

    /// A string value holding `text`.
    public init(_ text: String) {
        storage = .text(text)
    }

    /// A slice of source bytes the parser has checked to be ASCII with no escapes.
    init(asciiSource: Data) {
        storage = .source(asciiSource)
    }

    /// The text (made from the source bytes on each call when the string is a source slice).
    public var value: String {
        switch storage {
        case .text(let text): text
        case .source(let bytes): String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Length in UTF-8 bytes.
    public var utf8Count: Int {
        switch storage {
        case .text(let text): text.utf8.count
        case .source(let bytes): bytes.count
        }
    }

    /// Calls `body` with the UTF-8 bytes, without copying a source slice.
    public func withUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(let text):
            var text = text
            return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        case .source(let bytes):
            return try bytes.withUnsafeBytes { try body($0) }
        }
    }

    /// The string's text.
    public var description: String { value }
}
