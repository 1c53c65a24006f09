#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks an MP3 (MPEG-1/2/2.5 audio layer III) frame by frame after any leading ID3v2 tags.
///
/// Behaviour:
/// - Up to 4 KiB of junk or zero padding may precede the first frame. The first frame is accepted when
///   at least 3 consecutive frames chain up (each header exactly where the previous frame ends, same
///   MPEG version, layer and sample rate), or when 1–2 frames end the file cleanly (EOF or a tag below).
/// - Valid MPEG audio of layer I or II is rejected ("not layer III"); free-format bitrate (index 0) is
///   not accepted.
/// - The walk ends at the end of file, at an ID3v1 `TAG`, an `APETAGEX`, a `LYRICSBEGIN` or an appended
///   `ID3` tag. Anything else after a frame (zero padding, encoder junk, a broken frame) starts a resync
///   search over the next 4 KiB for another chain of 3 frames; when none is found the walk stops and the
///   file is accepted (real encoders and taggers leave junk), with the duration of the frames seen and the
///   bytes after the last frame (less an ID3v1 trailer) in `trailingBytes`, as are bytes after the tags.
/// - A frame header whose frame runs past the end of the file is a truncation defect.
/// - The duration sums each frame's samples / sample rate, not counting a Xing/Info/VBRI header frame.
enum MP3Structure {
    /// How far past the expected position a frame sync is searched (leading junk, resync after junk).
    private static let searchWindow = 4096
    /// Consecutive frames required to trust a sync found by searching.
    private static let chainLength = 3

    /// Bitrates in kbit/s for indices 1…14, in rows: MPEG-1 layer I, II, III; MPEG-2/2.5 layer I; layer II/III.
    private static let bitratesKbps: [Int] = [
        32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448,
        32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384,
        32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
        32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256,
        8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160,
    ]

    /// One parsed MPEG audio frame header.
    private struct Frame {
        var version: UInt8  // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        var layer: Int  // 1, 2 or 3
        var sampleRate: Int
        var length: Int
        var samples: Int
        var mono: Bool
        var hasCRC: Bool

        /// Whether `other` continues the same stream (version, layer, sample rate).
        func matches(_ other: Frame) -> Bool {
            version == other.version && layer == other.layer && sampleRate == other.sampleRate
        }
    }

    /// How a run of chained frames ended.
    private enum Ending {
        case endOfFile, tag(Int), junk(Int), truncated(Int, need: Int, remain: Int)
    }

    /// The result of walking a chain of frames from one position.
    private struct Run {
        var frames = 0
        var duration = 0.0
        var ending = Ending.endOfFile
    }

    /// Checks an MP3's frame structure and returns its duration.
    static func check(_ bytes: UnsafeRawBufferPointer) throws(StructuralDefect) -> MediaDetails {
        let count = bytes.count
        let declared = ID3v2Tag.declaredLength(in: bytes)
        if declared > count {
            throw StructuralDefect(
                offset: 0, reason: "truncated: the ID3v2 tag declares \(declared) bytes, only \(count) are in the file")
        }
        let start = declared
        guard let found = try findStream(bytes, from: start, strictAtStart: true) else {
            if count - start < 4 && count > start && bytes[start] == 0xFF {
                throw StructuralDefect(
                    offset: start,
                    reason: "truncated: the file ends inside the first MPEG frame header at byte \(start)")
            }
            throw StructuralDefect(offset: start, reason: "corrupt: no MPEG audio frames found")
        }
        var run = found
        var duration = run.duration
        // Continue after junk by resyncing, until the stream ends or no further frames are found.
        while case .junk(let at) = run.ending {
            guard let next = try findStream(bytes, from: at, strictAtStart: false) else { break }
            run = next
            duration += run.duration
        }
        if case .truncated(let at, let need, let remain) = run.ending {
            throw StructuralDefect(
                offset: at,
                reason: "truncated: the last MPEG frame at byte \(at) needs \(need) bytes, only \(remain) remain")
        }
        var details = MediaDetails(durationSeconds: duration)
        let trailing: Int
        switch run.ending {
        case .tag(let at): trailing = count - endOfTags(bytes, from: at)
        case .junk(let at):
            trailing = count - at - (matches(bytes, at: count - 128, "TAG") && count - 128 >= at ? 128 : 0)
        case .endOfFile, .truncated: trailing = 0
        }
        if trailing > 0 { details.trailingBytes = trailing }
        return details
    }

    /// The offset after the tags that follow the audio from `start` (ID3v1, APEv2, appended ID3v2); a Lyrics3
    /// tag, which has no simple length, is taken to run to the end of the file.
    private static func endOfTags(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = bytes.count
        var pos = start
        while pos < count {
            if matches(bytes, at: pos, "TAG") {
                pos += 128
            } else if matches(bytes, at: pos, "APETAGEX"), count - pos >= 32 {
                // APEv2: size (items + footer) at +12, flags at +20; bit 29 marks the header of a tag.
                let size = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 12, as: UInt32.self)))
                let flags = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: pos + 20, as: UInt32.self))
                pos += flags & (1 << 29) != 0 ? 32 + size : 32
            } else if matches(bytes, at: pos, "ID3") {
                let length = ID3v2Tag.declaredLength(in: UnsafeRawBufferPointer(rebasing: bytes[pos...]))
                guard length > 0 else { break }
                pos += length
            } else if matches(bytes, at: pos, "LYRICSBEGIN") {
                return count
            } else {
                break
            }
        }
        return min(pos, count)
    }

    /// Searches `searchWindow` bytes from `start` for a trustworthy chain of frames and walks it to its end.
    ///
    /// Returns nil when none is found. Throws for layer I/II streams and for a truncated frame right at
    /// `start` (when `strictAtStart`), which is a cut file rather than junk.
    private static func findStream(
        _ bytes: UnsafeRawBufferPointer, from start: Int, strictAtStart: Bool
    ) throws(StructuralDefect) -> Run? {
        let count = bytes.count
        guard let base = bytes.baseAddress, start < count else { return nil }
        let limit = min(count, start + searchWindow)
        var candidate = start
        var firstTruncation: StructuralDefect?
        while candidate < limit {
            guard let hit = memchr(base + candidate, 0xFF, limit - candidate) else { break }
            let pos = base.distance(to: UnsafeRawPointer(hit))
            candidate = pos + 1
            guard let frame = header(bytes, at: pos) else { continue }
            let run = walk(bytes, from: pos, first: frame)
            let trusted: Bool
            switch run.ending {
            case .endOfFile, .tag: trusted = true
            case .junk, .truncated: trusted = run.frames >= chainLength
            }
            if frame.layer != 3 && (trusted || (strictAtStart && pos == start)) {
                let version = frame.version == 3 ? "MPEG-1" : frame.version == 2 ? "MPEG-2" : "MPEG-2.5"
                throw StructuralDefect(
                    offset: pos,
                    reason:
                        "corrupt: \(version) audio layer \(frame.layer == 1 ? "I" : "II") at byte \(pos), not layer III (MP3)"
                )
            }
            if trusted { return run }
            if case .truncated(let at, let need, let remain) = run.ending, firstTruncation == nil,
                strictAtStart && (pos == start || run.frames > 0)
            {
                firstTruncation = StructuralDefect(
                    offset: at,
                    reason: "truncated: the last MPEG frame at byte \(at) needs \(need) bytes, only \(remain) remain")
            }
        }
        if let firstTruncation { throw firstTruncation }
        return nil
    }

    /// Walks frames chained from `start` (where `first` was parsed) until the chain breaks or the file ends.
    private static func walk(_ bytes: UnsafeRawBufferPointer, from start: Int, first: Frame) -> Run {
        let count = bytes.count
        var run = Run()
        var pos = start
        var frame = first
        while true {
            let remain = count - pos
            guard frame.length <= remain else {
                run.ending = .truncated(pos, need: frame.length, remain: remain)
                return run
            }
            run.frames += 1
            if !(run.frames == 1 && isInfoFrame(bytes, at: pos, frame: frame)) {
                run.duration += Double(frame.samples) / Double(frame.sampleRate)
            }
            pos += frame.length
            if pos == count {
                run.ending = .endOfFile
                return run
            }
            if count - pos < 4 && bytes[pos] == 0xFF && (count - pos < 2 || bytes[pos + 1] & 0xE0 == 0xE0) {
                run.ending = .truncated(pos, need: 4, remain: count - pos)  // cut inside the next header
                return run
            }
            if isTrailingTag(bytes, at: pos) {
                run.ending = .tag(pos)
                return run
            }
            guard let next = header(bytes, at: pos), next.matches(first) else {
                run.ending = .junk(pos)
                return run
            }
            frame = next
        }
    }

    /// Parses an MPEG audio frame header (any layer) at `pos`; nil when the bytes are not a valid header.
    private static func header(_ bytes: UnsafeRawBufferPointer, at pos: Int) -> Frame? {
        guard bytes.count - pos >= 4 else { return nil }
        let b1 = bytes[pos + 1], b2 = bytes[pos + 2], b3 = bytes[pos + 3]
        guard bytes[pos] == 0xFF, b1 & 0xE0 == 0xE0 else { return nil }
        let version = (b1 >> 3) & 0x03
        let layerBits = (b1 >> 1) & 0x03
        let bitrateIndex = Int(b2 >> 4)
        let rateIndex = Int((b2 >> 2) & 0x03)
        guard version != 1, layerBits != 0, bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3, b3 & 0x03 != 2 else {
            return nil
        }
        let layer = 4 - Int(layerBits)
        let mpeg1 = version == 3
        let table = mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4)
        let bitrate = bitratesKbps[table * 14 + bitrateIndex - 1] * 1000
        let baseRate = rateIndex == 0 ? 44100 : rateIndex == 1 ? 48000 : 32000
        let sampleRate = version == 3 ? baseRate : version == 2 ? baseRate / 2 : baseRate / 4
        let padding = Int((b2 >> 1) & 0x01)
        let length: Int
        let samples: Int
        switch layer {
        case 1:
            length = (12 * bitrate / sampleRate + padding) * 4
            samples = 384
        case 2:
            length = 144 * bitrate / sampleRate + padding
            samples = 1152
        default:
            length = (mpeg1 ? 144 : 72) * bitrate / sampleRate + padding
            samples = mpeg1 ? 1152 : 576
        }
        return Frame(
            version: version, layer: layer, sampleRate: sampleRate, length: length, samples: samples,
            mono: b3 >> 6 == 3, hasCRC: b1 & 0x01 == 0)
    }

    /// Whether the frame at `pos` is a Xing/Info/VBRI header frame (encoder metadata, no audio).
    private static func isInfoFrame(_ bytes: UnsafeRawBufferPointer, at pos: Int, frame: Frame) -> Bool {
        guard frame.layer == 3 else { return false }
        let sideInfo = frame.version == 3 ? (frame.mono ? 17 : 32) : (frame.mono ? 9 : 17)
        let xing = pos + 4 + (frame.hasCRC ? 2 : 0) + sideInfo
        return matches(bytes, at: xing, "Xing") || matches(bytes, at: xing, "Info")
            || matches(bytes, at: pos + 36, "VBRI")
    }

    /// Whether a tag that legitimately follows the audio starts at `pos` (ID3v1, APE, Lyrics3, appended ID3v2).
    private static func isTrailingTag(_ bytes: UnsafeRawBufferPointer, at pos: Int) -> Bool {
        matches(bytes, at: pos, "TAG") || matches(bytes, at: pos, "APETAGEX") || matches(bytes, at: pos, "LYRICSBEGIN")
            || matches(bytes, at: pos, "ID3")
    }

    /// Whether the ASCII `text` occurs at `pos` (false when it would run past the end).
    private static func matches(_ bytes: UnsafeRawBufferPointer, at pos: Int, _ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard pos >= 0, bytes.count - pos >= length else { return false }
        let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: length)
        for i in 0..<length where bytes[pos + i] != expected[i] { return false }
        return true
    }
}
