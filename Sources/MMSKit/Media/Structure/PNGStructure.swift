/// Walks a PNG (or APNG) chunk by chunk to IEND, checking lengths, CRCs and the IHDR header.
///
/// CRCs are verified for every chunk except IDAT and fdAT (image data, too costly on big files; a
/// corrupt IDAT is the decoder's business). Bytes after IEND are accepted and counted in `trailingBytes`.
enum PNGStructure {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Checks a PNG's chunk structure and returns its dimensions, frame count and (APNG) duration.
    static func check(_ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        let count = bytes.count
        for i in 0..<min(count, 8) where bytes[i] != signature[i] {
            throw StructuralDefect(offset: i, reason: "corrupt: not a PNG signature")
        }
        guard count >= 8 else {
            throw StructuralDefect(offset: count, reason: "truncated: the file ends inside the PNG signature")
        }

        var details = MediaDetails()
        var pos = 8
        var idatCount = 0
        var declaredFrames: Int?
        var delaySum = 0.0
        var previous: (offset: Int, type: UInt32)?  // the chunk before, named only in messages

        while true {
            let remaining = count - pos
            guard remaining >= 12 else {
                let after = previous.map { "chunk \(chunkName($0.type)) at byte \($0.offset)" } ?? "the signature"
                let reason =
                    remaining == 0
                    ? "truncated: the file ends after \(after); the IEND chunk is missing"
                    : "truncated: the chunk after \(after) is cut short (\(remaining) of at least 12 bytes)"
                throw StructuralDefect(offset: pos, reason: reason)
            }
            let length = Int(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt32.self)))
            let typeValue = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: pos + 4, as: UInt32.self))
            guard isChunkType(typeValue) else {
                throw StructuralDefect(
                    offset: pos + 4, reason: "corrupt: invalid chunk type \(chunkName(typeValue)) at byte \(pos + 4)")
            }
            guard length <= 0x7FFF_FFFF else {
                throw StructuralDefect(
                    offset: pos,
                    reason: "corrupt: chunk \(chunkName(typeValue)) declares \(length) bytes, more than PNG allows")
            }
            guard length <= remaining - 12 else {
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "truncated: chunk \(chunkName(typeValue)) at byte \(pos) declares \(length) data bytes, only \(remaining - 12) remain"
                )
            }
            let data = pos + 8
            let isImageData = typeValue == 0x4944_4154 || typeValue == 0x6664_4154  // IDAT, fdAT
            if !isImageData {
                let stored = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: data + length, as: UInt32.self))
                let computed = CRC32.checksum(UnsafeRawBufferPointer(rebasing: bytes[(pos + 4)..<(data + length)]))
                guard stored == computed else {
                    throw StructuralDefect(
                        offset: data + length,
                        reason:
                            "corrupt: CRC mismatch in chunk \(chunkName(typeValue)) at byte \(pos) (stored \(hex(stored)), computed \(hex(computed)))"
                    )
                }
            }

            if pos == 8 {
                guard typeValue == 0x4948_4452 else {  // IHDR
                    throw StructuralDefect(
                        offset: pos, reason: "corrupt: the first chunk is \(chunkName(typeValue)), not IHDR")
                }
                try checkHeader(bytes, data: data, length: length, into: &details)
            } else {
                switch typeValue {
                case 0x4948_4452:
                    throw StructuralDefect(offset: pos, reason: "corrupt: a second IHDR chunk at byte \(pos)")
                case 0x4944_4154:  // IDAT
                    idatCount += 1
                case 0x6163_544C:  // acTL
                    guard length == 8 else {
                        throw StructuralDefect(
                            offset: pos, reason: "corrupt: chunk 'acTL' at byte \(pos) has \(length) data bytes, not 8")
                    }
                    let frames = Int(UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: data, as: UInt32.self)))
                    guard frames > 0 else {
                        throw StructuralDefect(
                            offset: data, reason: "corrupt: chunk 'acTL' declares 0 animation frames")
                    }
                    declaredFrames = frames
                case 0x6663_544C:  // fcTL
                    guard length == 26 else {
                        throw StructuralDefect(
                            offset: pos, reason: "corrupt: chunk 'fcTL' at byte \(pos) has \(length) data bytes, not 26"
                        )
                    }
                    let numerator = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: data + 20, as: UInt16.self))
                    let denominator = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: data + 22, as: UInt16.self))
                    delaySum += Double(numerator) / Double(denominator == 0 ? 100 : denominator)
                case 0x4945_4E44:  // IEND
                    guard idatCount > 0 else {
                        throw StructuralDefect(
                            offset: pos, reason: "corrupt: no IDAT chunk before IEND (the image has no data)")
                    }
                    let frames = declaredFrames ?? 1
                    details.frameCount = frames
                    if frames > 1 { details.durationSeconds = delaySum }
                    let end = data + length + 4
                    if end < count { details.trailingBytes = count - end }
                    return details
                default:
                    break
                }
            }
            previous = (pos, typeValue)
            pos = data + length + 4
        }
    }

    /// Validates the 13-byte IHDR and stores the image dimensions.
    private static func checkHeader(
        _ bytes: UnsafeRawBufferPointer, data: Int, length: Int, into details: inout MediaDetails
    ) throws(StructuralDefect) {
        guard length == 13 else {
            throw StructuralDefect(offset: data - 8, reason: "corrupt: chunk 'IHDR' has \(length) data bytes, not 13")
        }
        let width = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: data, as: UInt32.self))
        let height = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: data + 4, as: UInt32.self))
        guard width > 0, height > 0, width <= 0x7FFF_FFFF, height <= 0x7FFF_FFFF else {
            throw StructuralDefect(
                offset: data, reason: "corrupt: IHDR declares an invalid size (width \(width), height \(height))")
        }
        let depth = bytes[data + 8], colorType = bytes[data + 9]
        let depthOK: Bool
        switch colorType {
        case 0: depthOK = [1, 2, 4, 8, 16].contains(depth)
        case 3: depthOK = [1, 2, 4, 8].contains(depth)
        case 2, 4, 6: depthOK = depth == 8 || depth == 16
        default: depthOK = false
        }
        guard depthOK else {
            throw StructuralDefect(
                offset: data + 8, reason: "corrupt: IHDR has an invalid bit depth \(depth) for colour type \(colorType)"
            )
        }
        guard bytes[data + 10] == 0, bytes[data + 11] == 0, bytes[data + 12] <= 1 else {
            throw StructuralDefect(
                offset: data + 10, reason: "corrupt: IHDR has an unknown compression, filter or interlace method")
        }
        details.width = Int(width)
        details.height = Int(height)
    }

    /// Whether all four bytes of a chunk type are ASCII letters, as PNG requires.
    private static func isChunkType(_ type: UInt32) -> Bool {
        for shift in stride(from: 0, through: 24, by: 8) {
            let b = UInt8(truncatingIfNeeded: type >> UInt32(shift)) | 0x20
            if b < 0x61 || b > 0x7A { return false }
        }
        return true
    }

    /// A chunk type quoted for a message ('IDAT'), or in hex when not printable.
    private static func chunkName(_ type: UInt32) -> String {
        let chars = (0..<4).map { UInt8(truncatingIfNeeded: type >> UInt32(24 - 8 * $0)) }
        if chars.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "'" + String(decoding: chars, as: UTF8.self) + "'"
        }
        return "0x" + hex(type, digits: 8)
    }

    /// A CRC formatted as 0x1234ABCD.
    private static func hex(_ value: UInt32) -> String { "0x" + hex(value, digits: 8) }

    /// `value` in upper-case hex, left-padded with zeros to `digits` characters.
    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
