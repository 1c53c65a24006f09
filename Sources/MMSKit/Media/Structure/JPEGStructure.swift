#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks a JPEG's marker segments and entropy-coded scans from SOI to EOI.
///
/// Strict about structure: every segment must start with 0xFF (fill bytes FF FF are allowed), lengths
/// must fit in the file, an SOFn must precede the first SOS, and EOI must be reached. Bytes after EOI
/// (camera trailers, appended data) are accepted and counted in `trailingBytes`.
enum JPEGStructure {
    /// Checks a JPEG's segment and scan structure and returns its dimensions (frameCount 1).
    static func check(_ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        let count = bytes.count
        guard let base = bytes.baseAddress, count >= 2 else {
            if count == 1 && bytes[0] == 0xFF {
                throw StructuralDefect(offset: 1, reason: "truncated: the file ends inside the SOI marker")
            }
            throw StructuralDefect(offset: 0, reason: "corrupt: no JPEG SOI marker (FFD8) at the start")
        }
        guard bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw StructuralDefect(offset: 0, reason: "corrupt: no JPEG SOI marker (FFD8) at the start")
        }

        var details = MediaDetails()
        var pos = 2
        var scans = 0
        var previous: (offset: Int, marker: UInt8)?  // the segment before, named only in messages

        while true {
            guard pos < count else {
                throw StructuralDefect(
                    offset: pos,
                    reason: "truncated: the file ends after \(describe(previous)); the EOI marker (FFD9) is missing")
            }
            guard bytes[pos] == 0xFF else {
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "corrupt: expected a marker at byte \(pos) after \(describe(previous)), found 0x\(hex(bytes[pos]))"
                )
            }
            let markerStart = pos
            while pos < count && bytes[pos] == 0xFF { pos += 1 }  // FF and any fill bytes
            guard pos < count else {
                throw StructuralDefect(
                    offset: markerStart, reason: "truncated: the file ends inside a marker at byte \(markerStart)")
            }
            let marker = bytes[pos]
            pos += 1

            switch marker {
            case 0xD9:  // EOI
                guard scans > 0 else {
                    throw StructuralDefect(
                        offset: markerStart,
                        reason: "corrupt: EOI at byte \(markerStart) before any scan (SOS); no image data")
                }
                details.frameCount = 1
                if pos < count { details.trailingBytes = count - pos }
                return details
            case 0xD8:
                throw StructuralDefect(
                    offset: markerStart, reason: "corrupt: a second SOI marker at byte \(markerStart)")
            case 0x00:
                throw StructuralDefect(
                    offset: markerStart, reason: "corrupt: invalid marker FF00 at byte \(markerStart)")
            case 0x01, 0xD0...0xD7:  // TEM, RSTn: standalone markers without a length
                previous = (markerStart, marker)
                continue
            default:
                break
            }

            guard count - pos >= 2 else {
                throw StructuralDefect(
                    offset: markerStart,
                    reason: "truncated: the file ends inside segment \(markerName(marker)) at byte \(markerStart)")
            }
            let length = Int(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: pos, as: UInt16.self)))
            guard length >= 2 else {
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "corrupt: segment \(markerName(marker)) at byte \(markerStart) declares length \(length), less than 2"
                )
            }
            guard length <= count - pos else {
                throw StructuralDefect(
                    offset: markerStart,
                    reason:
                        "truncated: segment \(markerName(marker)) at byte \(markerStart) declares \(length) bytes, only \(count - pos) remain"
                )
            }
            let body = pos + 2
            let bodyLength = length - 2

            if isStartOfFrame(marker) && details.width == nil {
                guard bodyLength >= 6 else {
                    throw StructuralDefect(
                        offset: markerStart,
                        reason:
                            "corrupt: frame header \(markerName(marker)) at byte \(markerStart) is too short (\(length) bytes)"
                    )
                }
                let height = Int(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: body + 1, as: UInt16.self)))
                let width = Int(UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: body + 3, as: UInt16.self)))
                let components = Int(bytes[body + 5])
                guard width > 0, height > 0 else {
                    throw StructuralDefect(
                        offset: body + 1,
                        reason:
                            "corrupt: frame header \(markerName(marker)) declares an invalid size (width \(width), height \(height))"
                    )
                }
                guard components > 0, bodyLength == 6 + 3 * components else {
                    throw StructuralDefect(
                        offset: markerStart,
                        reason:
                            "corrupt: frame header \(markerName(marker)) at byte \(markerStart) has \(length) bytes for \(components) components"
                    )
                }
                details.width = width
                details.height = height
            }
            pos = body + bodyLength
            previous = (markerStart, marker)

            guard marker == 0xDA else { continue }  // SOS: the entropy-coded data follows
            guard details.width != nil else {
                throw StructuralDefect(
                    offset: markerStart,
                    reason: "corrupt: scan (SOS) at byte \(markerStart) before any frame header (SOF)")
            }
            scans += 1
            // Find the marker ending the scan: FF followed by anything but 00 (stuffing), D0–D7 (RSTn) or FF (fill).
            while true {
                guard pos < count, let hit = memchr(base + pos, 0xFF, count - pos) else {
                    throw StructuralDefect(
                        offset: count,
                        reason:
                            "truncated: the file ends inside the data of scan \(scans) (SOS at byte \(markerStart)); the EOI marker is missing"
                    )
                }
                let ff = base.distance(to: UnsafeRawPointer(hit))
                guard ff + 1 < count else {
                    throw StructuralDefect(offset: ff, reason: "truncated: the file ends inside a marker at byte \(ff)")
                }
                let next = bytes[ff + 1]
                if next == 0x00 || (next >= 0xD0 && next <= 0xD7) {
                    pos = ff + 2
                    // Runs of stuffed FF00 pairs (dense in pathological files) skip the memchr call overhead.
                    while count - pos >= 2 && bytes[pos] == 0xFF && bytes[pos + 1] == 0x00 { pos += 2 }
                } else if next == 0xFF {
                    pos = ff + 1
                } else {
                    pos = ff
                    break
                }
            }
        }
    }

    /// The segment or marker at `previous` for a message, or the SOI marker when there is none yet.
    private static func describe(_ previous: (offset: Int, marker: UInt8)?) -> String {
        guard let previous else { return "the SOI marker" }
        return "\(markerName(previous.marker)) at byte \(previous.offset)"
    }

    /// Whether `marker` is a start-of-frame SOF0–SOF15 (C0–CF except DHT C4, JPG C8 and DAC CC).
    private static func isStartOfFrame(_ marker: UInt8) -> Bool {
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    /// A marker's name for messages, such as 'SOS' (FFDA) or FFE1.
    private static func markerName(_ marker: UInt8) -> String {
        let code = "FF" + hex(marker)
        switch marker {
        case 0xC4: return "'DHT' (\(code))"
        case 0xCC: return "'DAC' (\(code))"
        case 0xC0...0xCF: return "'SOF\(marker - 0xC0)' (\(code))"
        case 0xD0...0xD7: return "'RST\(marker - 0xD0)' (\(code))"
        case 0xDA: return "'SOS' (\(code))"
        case 0xDB: return "'DQT' (\(code))"
        case 0xDD: return "'DRI' (\(code))"
        case 0xE0...0xEF: return "'APP\(marker - 0xE0)' (\(code))"
        case 0xFE: return "'COM' (\(code))"
        default: return code
        }
    }

    /// A byte as two upper-case hex digits.
    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }
}
