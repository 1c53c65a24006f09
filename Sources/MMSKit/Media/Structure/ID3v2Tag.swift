/// Measures ID3v2 tags (ID3v2.2–2.4) at the start of an MP3 so the frame walk can begin after them.
enum ID3v2Tag {
    /// Total length of the leading ID3v2 tags (0 when there is none), clamped to `bytes.count`.
    static func length(in bytes: UnsafeRawBufferPointer) -> Int {
        min(declaredLength(in: bytes), bytes.count)
    }

    /// Total length the leading ID3v2 tags declare, which exceeds `bytes.count` when the file is cut inside one.
    static func declaredLength(in bytes: UnsafeRawBufferPointer) -> Int {
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= 3, bytes[offset] == 0x49, bytes[offset + 1] == 0x44, bytes[offset + 2] == 0x33 else {
                break  // no "ID3" here
            }
            // "ID3" but too short for the 10-byte header: the file is cut inside the tag header.
            guard remaining >= 10 else { return offset + 10 }
            let major = bytes[offset + 3], minor = bytes[offset + 4], flags = bytes[offset + 5]
            let s0 = bytes[offset + 6], s1 = bytes[offset + 7], s2 = bytes[offset + 8], s3 = bytes[offset + 9]
            // A real header has version bytes below 0xFF and syncsafe size bytes (high bit clear).
            guard major != 0xFF, minor != 0xFF, (s0 | s1 | s2 | s3) & 0x80 == 0 else { break }
            let size = Int(s0) << 21 | Int(s1) << 14 | Int(s2) << 7 | Int(s3)  // at most 2^28 - 1
            offset += 10 + size + (flags & 0x10 != 0 ? 10 : 0)
        }
        return offset
    }
}
