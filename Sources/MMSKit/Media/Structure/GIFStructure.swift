/// Walks a GIF87a/GIF89a block by block to the trailer (0x3B).
///
/// The logical screen size gives the dimensions; when it is 0x0 (some encoders write that) the first
/// image's size is used. The duration is the raw sum of the Graphic Control Extension delays (no
/// browser-style clamping of 0 or 1 hundredths) and is only set for a GIF of two or more frames.
/// Bytes after the trailer are accepted and counted in `trailingBytes`.
enum GIFStructure {
    /// Checks a GIF's block structure and returns its dimensions, frame count and animation duration.
    static func check(_ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        let count = bytes.count
        let magic: [UInt8] = Array("GIF8".utf8)
        for i in 0..<min(count, 4) where bytes[i] != magic[i] {
            throw StructuralDefect(offset: i, reason: "corrupt: not a GIF signature")
        }
        if count >= 6 {
            guard (bytes[4] == 0x37 || bytes[4] == 0x39) && bytes[5] == 0x61 else {
                throw StructuralDefect(offset: 4, reason: "corrupt: unknown GIF version (not GIF87a or GIF89a)")
            }
        }
        guard count >= 13 else {
            throw StructuralDefect(
                offset: count, reason: "truncated: the file ends inside the GIF header (\(count) of 13 bytes)")
        }
        var width = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 6, as: UInt16.self)))
        var height = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt16.self)))
        let packed = bytes[10]
        var pos = 13
        if packed & 0x80 != 0 {
            let tableSize = 3 << (Int(packed & 0x07) + 1)
            guard tableSize <= count - pos else {
                throw StructuralDefect(
                    offset: pos,
                    reason: "truncated: the global colour table needs \(tableSize) bytes, only \(count - pos) remain")
            }
            pos += tableSize
        }

        var frames = 0
        var delayHundredths = 0
        while true {
            guard pos < count else {
                throw StructuralDefect(
                    offset: pos, reason: "truncated: the file ends at byte \(pos) before the GIF trailer (0x3B)")
            }
            let introducer = bytes[pos]
            switch introducer {
            case 0x3B:  // trailer
                guard frames > 0 else {
                    throw StructuralDefect(
                        offset: pos,
                        reason: "corrupt: the GIF has no image (trailer at byte \(pos) before any image descriptor)")
                }
                var details = MediaDetails(width: width, height: height, frameCount: frames)
                if frames > 1 { details.durationSeconds = Double(delayHundredths) / 100 }
                if pos + 1 < count { details.trailingBytes = count - pos - 1 }
                return details

            case 0x21:  // extension: label, then data sub-blocks
                guard count - pos >= 2 else {
                    throw StructuralDefect(
                        offset: pos, reason: "truncated: the file ends inside the extension at byte \(pos)")
                }
                let label = bytes[pos + 1]
                if label == 0xF9, count - pos >= 7, bytes[pos + 2] >= 4 {
                    delayHundredths &+= Int(
                        UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 4, as: UInt16.self)))
                }
                let start = pos
                pos = try skipSubBlocks(
                    bytes, from: pos + 2,
                    what:
                        "\(label == 0xF9 ? "the Graphic Control Extension" : "extension 0x\(hex(label))") at byte \(start)"
                )

            case 0x2C:  // image descriptor
                guard count - pos >= 10 else {
                    throw StructuralDefect(
                        offset: pos, reason: "truncated: the file ends inside the image descriptor at byte \(pos)")
                }
                frames += 1
                let start = pos
                if width == 0 || height == 0 {
                    width = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 5, as: UInt16.self)))
                    height = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 7, as: UInt16.self)))
                }
                let imagePacked = bytes[pos + 9]
                pos += 10
                if imagePacked & 0x80 != 0 {
                    let tableSize = 3 << (Int(imagePacked & 0x07) + 1)
                    guard tableSize <= count - pos else {
                        throw StructuralDefect(
                            offset: pos,
                            reason:
                                "truncated: the local colour table of image \(frames) at byte \(start) needs \(tableSize) bytes, only \(count - pos) remain"
                        )
                    }
                    pos += tableSize
                }
                guard pos < count else {
                    throw StructuralDefect(
                        offset: pos,
                        reason: "truncated: the file ends before the image data of image \(frames) at byte \(start)")
                }
                let codeSize = bytes[pos]
                guard codeSize >= 2 && codeSize <= 12 else {
                    throw StructuralDefect(
                        offset: pos,
                        reason:
                            "corrupt: image \(frames) at byte \(start) has an invalid LZW minimum code size \(codeSize)"
                    )
                }
                pos = try skipSubBlocks(bytes, from: pos + 1, what: "image \(frames) at byte \(start)")

            default:
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "corrupt: unexpected byte 0x\(hex(introducer)) at byte \(pos) (expected an extension 0x21, an image 0x2C or the trailer 0x3B)"
                )
            }
        }
    }

    /// Skips data sub-blocks starting at `start` through the zero-length terminator; returns the offset after it.
    private static func skipSubBlocks(
        _ bytes: UnsafeRawBufferPointer, from start: Int, what: @autoclosure () -> String
    ) throws(StructuralDefect) -> Int {
        let count = bytes.count
        var pos = start
        while true {
            guard pos < count else {
                throw StructuralDefect(
                    offset: pos, reason: "truncated: the file ends inside the data of \(what()) (no block terminator)")
            }
            let size = Int(bytes[pos])
            pos += 1
            if size == 0 { return pos }
            guard size <= count - pos else {
                throw StructuralDefect(
                    offset: pos - 1,
                    reason:
                        "truncated: a data sub-block of \(what()) declares \(size) bytes, only \(count - pos) remain")
            }
            pos += size
        }
    }

    /// A byte as two upper-case hex digits.
    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
