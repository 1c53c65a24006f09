/// Walks an MP4's (ISO base media file's) boxes: the top level, then moov → mvhd and each trak.
///
/// The top-level boxes must tile the file exactly (a box running past the end is a truncation; once `moov`
/// and `mdat` are seen, bytes that do not start a box are counted in `trailingBytes`),
/// `ftyp` must come first, and `moov` and `mdat` must both be present in either order (fast start is
/// optional). Only the containers on the path moov → trak → mdia → minf → stbl (and moov → mvex) are
/// descended into, so nesting depth is fixed; `mdat` is skipped by its size, never read. A track's
/// width/height come from `tkhd`, or from the first `stsd` visual sample entry when `tkhd` says 0x0.
/// The duration is mvhd's; for a fragmented movie whose mvhd says 0 it is mvex/mehd's, else nil.
enum MP4Structure {
    /// One box header: where it starts, its type, header size and total size.
    private struct Box {
        var start: Int
        var type: UInt32
        var headerSize: Int
        var size: Int

        /// Offset of the first byte after the header.
        var content: Int { start + headerSize }
        /// Offset just past the box.
        var end: Int { start + size }
        /// Bytes after the header.
        var contentSize: Int { size - headerSize }
    }

    private static let ftyp: UInt32 = 0x6674_7970
    private static let moov: UInt32 = 0x6D6F_6F76
    private static let mdat: UInt32 = 0x6D64_6174
    private static let mvhd: UInt32 = 0x6D76_6864
    private static let mvex: UInt32 = 0x6D76_6578
    private static let mehd: UInt32 = 0x6D65_6864
    private static let trak: UInt32 = 0x7472_616B
    private static let tkhd: UInt32 = 0x746B_6864
    private static let mdia: UInt32 = 0x6D64_6961
    private static let hdlr: UInt32 = 0x6864_6C72
    private static let minf: UInt32 = 0x6D69_6E66
    private static let stbl: UInt32 = 0x7374_626C
    private static let stsd: UInt32 = 0x7374_7364
    private static let vide: UInt32 = 0x7669_6465
    private static let soun: UInt32 = 0x736F_756E

    /// What one trak box told us.
    private struct Track {
        var handler: UInt32 = 0
        var width = 0
        var height = 0
    }

    /// Checks an MP4's box structure and returns its duration, first video track's size and track kinds.
    static func check(_ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        let count = bytes.count
        guard count > 0 else {
            throw StructuralDefect(offset: 0, reason: "truncated: the file is empty")
        }
        if count >= 8 && be32(bytes, 4) != ftyp {
            throw StructuralDefect(offset: 0, reason: "corrupt: the first box is \(name(be32(bytes, 4))), not 'ftyp'")
        }
        var pos = 0
        var moovBox: Box?
        var hasMdat = false
        var trailing = 0
        while pos < count {
            // Once the movie is whole, bytes that do not start a box (an appended ZIP, junk) are trailing data.
            // Fewer than 8 bytes may be a box header cut short, and stay a truncation.
            if moovBox != nil && hasMdat && count - pos >= 8 && !isBoxType(be32(bytes, pos + 4)) {
                trailing = count - pos
                break
            }
            let box = try readBox(bytes, at: pos, limit: count, parent: nil)
            if pos == 0 {
                guard box.type == ftyp else {
                    throw StructuralDefect(offset: 0, reason: "corrupt: the first box is \(name(box.type)), not 'ftyp'")
                }
                guard box.contentSize >= 8 else {
                    throw StructuralDefect(offset: 0, reason: "corrupt: box 'ftyp' is too short (\(box.size) bytes)")
                }
            } else if box.type == ftyp {
                throw StructuralDefect(offset: pos, reason: "corrupt: a second 'ftyp' box at byte \(pos)")
            } else if box.type == moov {
                guard moovBox == nil else {
                    throw StructuralDefect(offset: pos, reason: "corrupt: a second 'moov' box at byte \(pos)")
                }
                moovBox = box
            } else if box.type == mdat {
                hasMdat = true
            }
            pos = box.end
        }
        guard let moovBox else {
            throw StructuralDefect(offset: count, reason: "corrupt: no 'moov' box (the movie header is missing)")
        }
        guard hasMdat else {
            throw StructuralDefect(offset: count, reason: "corrupt: no 'mdat' box (the media data is missing)")
        }
        var details = try parseMovie(bytes, moovBox)
        if trailing > 0 { details.trailingBytes = trailing }
        return details
    }

    /// Whether a box type is four printable ASCII characters, as every registered box type is.
    private static func isBoxType(_ type: UInt32) -> Bool {
        (0..<4).allSatisfy { shift in (0x20...0x7E).contains(UInt8(truncatingIfNeeded: type >> UInt32(8 * shift))) }
    }

    /// Reads mvhd and every trak inside moov.
    private static func parseMovie(
        _ bytes: UnsafeRawBufferPointer, _ movie: Box
    ) throws(StructuralDefect) -> MediaDetails {
        var details = MediaDetails(hasVideoTrack: false, hasAudioTrack: false)
        var sawHeader = false
        var timescale: UInt32 = 0
        var extendsBox: Box?
        var tracks = 0
        var pos = movie.content
        while pos < movie.end {
            guard let box = try readChild(bytes, at: pos, parent: movie) else { break }
            if box.type == mvhd {
                sawHeader = true
                (details.durationSeconds, timescale) = try movieDuration(bytes, box)
            } else if box.type == mvex {
                extendsBox = box
            } else if box.type == trak {
                tracks += 1
                let track = try parseTrack(bytes, box)
                if track.handler == vide {
                    if details.hasVideoTrack != true && track.width > 0 && track.height > 0 {
                        details.width = track.width
                        details.height = track.height
                    }
                    details.hasVideoTrack = true
                } else if track.handler == soun {
                    details.hasAudioTrack = true
                }
            }
            pos = box.end
        }
        guard sawHeader else {
            throw StructuralDefect(
                offset: movie.start, reason: "corrupt: the 'moov' box at byte \(movie.start) has no 'mvhd' movie header"
            )
        }
        guard tracks > 0 else {
            throw StructuralDefect(
                offset: movie.start, reason: "corrupt: the 'moov' box at byte \(movie.start) has no track ('trak')")
        }
        if details.durationSeconds == 0 {
            // A fragmented movie keeps its length in mvex/mehd; without one the duration is unknown.
            details.durationSeconds = nil
            if let extendsBox, timescale > 0, let fragments = try fragmentDuration(bytes, extendsBox), fragments > 0 {
                details.durationSeconds = Double(fragments) / Double(timescale)
            }
        }
        return details
    }

    /// The fragment_duration of the mehd inside an mvex box, in movie timescale units; nil without one.
    private static func fragmentDuration(
        _ bytes: UnsafeRawBufferPointer, _ extends: Box
    ) throws(StructuralDefect) -> UInt64? {
        var pos = extends.content
        while pos < extends.end {
            guard let box = try readChild(bytes, at: pos, parent: extends) else { break }
            if box.type == mehd {
                let c = box.content
                guard box.contentSize >= 8 else { throw tooShort(box) }
                if bytes[c] == 1 {
                    guard box.contentSize >= 12 else { throw tooShort(box) }
                    return UInt64(be32(bytes, c + 4)) << 32 | UInt64(be32(bytes, c + 8))
                }
                return UInt64(be32(bytes, c + 4))
            }
            pos = box.end
        }
        return nil
    }

    /// Duration in seconds (nil when the timescale is 0 or the duration unknown) and timescale of an mvhd (version 0 or 1).
    private static func movieDuration(
        _ bytes: UnsafeRawBufferPointer, _ box: Box
    ) throws(StructuralDefect) -> (Double?, UInt32) {
        let c = box.content
        guard box.contentSize >= 4 else { throw tooShort(box) }
        let version = bytes[c]
        let timescale: UInt32
        let duration: UInt64
        if version == 1 {
            guard box.contentSize >= 32 else { throw tooShort(box) }
            timescale = be32(bytes, c + 20)
            duration = UInt64(be32(bytes, c + 24)) << 32 | UInt64(be32(bytes, c + 28))
            if duration == UInt64.max { return (nil, timescale) }
        } else if version == 0 {
            guard box.contentSize >= 20 else { throw tooShort(box) }
            timescale = be32(bytes, c + 12)
            duration = UInt64(be32(bytes, c + 16))
            if duration == UInt64(UInt32.max) { return (nil, timescale) }
        } else {
            throw StructuralDefect(
                offset: box.start, reason: "corrupt: box 'mvhd' at byte \(box.start) has unknown version \(version)")
        }
        guard timescale > 0 else { return (nil, 0) }
        return (Double(duration) / Double(timescale), timescale)
    }

    /// Reads a trak's tkhd size and its mdia handler type (and stsd size as a fallback).
    private static func parseTrack(_ bytes: UnsafeRawBufferPointer, _ track: Box) throws(StructuralDefect) -> Track {
        var result = Track()
        var sampleEntrySize: (width: Int, height: Int)?
        var pos = track.content
        while pos < track.end {
            guard let box = try readChild(bytes, at: pos, parent: track) else { break }
            if box.type == tkhd {
                let c = box.content
                guard box.contentSize >= 4 else { throw tooShort(box) }
                let offset = bytes[c] == 1 ? 88 : 76
                guard box.contentSize >= offset + 8 else { throw tooShort(box) }
                result.width = Int(be32(bytes, c + offset) >> 16)
                result.height = Int(be32(bytes, c + offset + 4) >> 16)
            } else if box.type == mdia {
                var mdiaPos = box.content
                while mdiaPos < box.end {
                    guard let child = try readChild(bytes, at: mdiaPos, parent: box) else { break }
                    if child.type == hdlr {
                        guard child.contentSize >= 12 else { throw tooShort(child) }
                        result.handler = be32(bytes, child.content + 8)
                    } else if child.type == minf {
                        sampleEntrySize = try visualSampleEntrySize(bytes, minfBox: child)
                    }
                    mdiaPos = child.end
                }
            }
            pos = box.end
        }
        if result.width == 0 || result.height == 0, let sampleEntrySize {
            result.width = sampleEntrySize.width
            result.height = sampleEntrySize.height
        }
        return result
    }

    /// Width and height of the first sample entry in minf/stbl/stsd, read as a visual sample entry.
    private static func visualSampleEntrySize(
        _ bytes: UnsafeRawBufferPointer, minfBox: Box
    ) throws(StructuralDefect) -> (width: Int, height: Int)? {
        var pos = minfBox.content
        while pos < minfBox.end {
            guard let box = try readChild(bytes, at: pos, parent: minfBox) else { break }
            if box.type == stbl {
                var stblPos = box.content
                while stblPos < box.end {
                    guard let child = try readChild(bytes, at: stblPos, parent: box) else { break }
                    // stsd: version/flags 4, entry count 4, then entries; a visual entry's size is at +32/+34.
                    if child.type == stsd, child.contentSize >= 8 + 36 {
                        let entry = child.content + 8
                        let width = Int(
                            UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: entry + 32, as: UInt16.self)))
                        let height = Int(
                            UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: entry + 34, as: UInt16.self)))
                        return (width, height)
                    }
                    stblPos = child.end
                }
            }
            pos = box.end
        }
        return nil
    }

    /// Reads the child box header at `pos`; nil for fewer than 8 trailing bytes (padding some writers leave).
    private static func readChild(
        _ bytes: UnsafeRawBufferPointer, at pos: Int, parent: Box
    ) throws(StructuralDefect) -> Box? {
        guard parent.end - pos >= 8 else { return nil }
        return try readBox(bytes, at: pos, limit: parent.end, parent: parent)
    }

    /// Reads the box header at `pos`, checking the box fits before `limit` (the file end or its parent's end).
    private static func readBox(
        _ bytes: UnsafeRawBufferPointer, at pos: Int, limit: Int, parent: Box?
    ) throws(StructuralDefect) -> Box {
        let remaining = limit - pos
        guard remaining >= 8 else {
            throw StructuralDefect(
                offset: pos, reason: "truncated: a box header at byte \(pos) is cut short (\(remaining) of 8 bytes)")
        }
        let size32 = be32(bytes, pos)
        let type = be32(bytes, pos + 4)
        var box = Box(start: pos, type: type, headerSize: 8, size: Int(size32))
        if size32 == 1 {
            guard remaining >= 16 else {
                throw StructuralDefect(
                    offset: pos, reason: "truncated: box \(name(type)) at byte \(pos) is cut inside its 64-bit size")
            }
            let large = UInt64(be32(bytes, pos + 8)) << 32 | UInt64(be32(bytes, pos + 12))
            guard large >= 16 else {
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "corrupt: box \(name(type)) at byte \(pos) declares \(large) bytes, less than its 16-byte header"
                )
            }
            guard large <= UInt64(remaining) else {
                throw overrun(box, declared: large, remaining: remaining, parent: parent)
            }
            box.headerSize = 16
            box.size = Int(large)
        } else if size32 == 0 {
            box.size = remaining  // extends to the end of the file (or of its parent)
        } else if size32 < 8 {
            throw StructuralDefect(
                offset: pos,
                reason:
                    "corrupt: box \(name(type)) at byte \(pos) declares \(size32) bytes, less than its 8-byte header")
        } else if Int(size32) > remaining {
            throw overrun(box, declared: UInt64(size32), remaining: remaining, parent: parent)
        }
        return box
    }

    /// The defect for a box that declares more bytes than the file (or its parent) holds.
    private static func overrun(_ box: Box, declared: UInt64, remaining: Int, parent: Box?) -> StructuralDefect {
        guard let parent else {
            return StructuralDefect(
                offset: box.start,
                reason:
                    "truncated: box \(name(box.type)) at byte \(box.start) declares \(declared) bytes, only \(remaining) remain"
            )
        }
        return StructuralDefect(
            offset: box.start,
            reason:
                "corrupt: box \(name(box.type)) at byte \(box.start) declares \(declared) bytes, more than the \(remaining) left in its parent \(name(parent.type))"
        )
    }

    /// The defect for a box too short for the fields it must hold.
    private static func tooShort(_ box: Box) -> StructuralDefect {
        StructuralDefect(
            offset: box.start,
            reason: "corrupt: box \(name(box.type)) at byte \(box.start) is too short (\(box.size) bytes)")
    }

    /// The big-endian UInt32 at `offset` (the caller has checked the bounds).
    private static func be32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// A box type quoted for messages ('moov'), or in hex when not printable.
    private static func name(_ type: UInt32) -> String {
        let chars = [UInt8(type >> 24), UInt8((type >> 16) & 0xFF), UInt8((type >> 8) & 0xFF), UInt8(type & 0xFF)]
        if chars.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "'" + String(decoding: chars, as: UTF8.self) + "'"
        }
        let text = String(type, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - text.count) + text
    }
}
