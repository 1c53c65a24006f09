/// Dispatches the structural check for an accepted format.
enum MediaStructure {
    /// Walks the bytes as `format` and returns what the walk learned.
    static func check(_ format: MediaFormat, _ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        switch format {
        case .jpeg: try JPEGStructure.check(bytes)
        case .png: try PNGStructure.check(bytes)
        case .gif: try GIFStructure.check(bytes)
        case .mp3: try MP3Structure.check(bytes)
        case .mp4: try MP4Structure.check(bytes)
        }
    }
}
