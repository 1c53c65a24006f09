import Testing

@testable import MMSKit

@Suite("MP4 structure")
struct MP4StructureTests {
    /// A top-level box of a good file: type, offset and size.
    struct TopBox {
        var type: String
        var offset: Int
        var size: Int
        var range: Range<Int> { offset..<(offset + size) }
    }

    /// The top-level boxes of a good file (32-bit sizes only; test-side walk).
    static func topBoxes(_ bytes: [UInt8]) -> [TopBox] {
        var result: [TopBox] = []
        var pos = 0
        while pos + 8 <= bytes.count {
            let size = bytes[pos..<pos + 4].reduce(0) { $0 << 8 | Int($1) }
            result.append(
                TopBox(type: String(decoding: bytes[pos + 4..<pos + 8], as: UTF8.self), offset: pos, size: size))
            pos += max(size, 8)
        }
        return result
    }

    /// The box of `type` in `bytes`.
    static func box(_ type: String, in bytes: [UInt8]) throws -> TopBox {
        try #require(topBoxes(bytes).first { $0.type == type })
    }

    /// A box with a 32-bit size.
    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        be32(8 + payload.count) + Array(type.utf8) + payload
    }

    /// `value` as four big-endian bytes.
    static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// `bytes` with the 32-bit big-endian value at `offset` replaced.
    static func setting(_ bytes: [UInt8], _ value: Int, at offset: Int) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset..<offset + 4, with: be32(value))
        return copy
    }

    static let ftyp = box("ftyp", Array("isom".utf8) + be32(512) + Array("isomiso2mp41".utf8))

    /// A hand-built movie with version-1 mvhd/tkhd and the given handler and tkhd/stsd sizes.
    static func handMade(handler: String, tkhdSize: (Int, Int), stsdSize: (Int, Int)? = nil) -> [UInt8] {
        let mvhd = box(
            "mvhd",
            [1, 0, 0, 0] + [UInt8](repeating: 0, count: 16) + be32(600) + be32(0) + be32(1800)
                + [UInt8](repeating: 0, count: 80))
        var tkhdPayload = [1, 0, 0, 3] + [UInt8](repeating: 0, count: 84)
        tkhdPayload += be32(tkhdSize.0 << 16) + be32(tkhdSize.1 << 16)
        let tkhd = box("tkhd", tkhdPayload)
        let hdlr = box("hdlr", [0, 0, 0, 0] + be32(0) + Array(handler.utf8) + [UInt8](repeating: 0, count: 13))
        var minf: [UInt8] = []
        if let (w, h) = stsdSize {
            var entry = [UInt8](repeating: 0, count: 6) + [0, 1] + [UInt8](repeating: 0, count: 16)
            entry +=
                [UInt8(w >> 8), UInt8(w & 0xFF), UInt8(h >> 8), UInt8(h & 0xFF)] + [UInt8](repeating: 0, count: 50)
            let stsd = box("stsd", [0, 0, 0, 0] + be32(1) + box("avc1", entry))
            minf = box("minf", box("vmhd", [0, 0, 0, 1] + [UInt8](repeating: 0, count: 8)) + box("stbl", stsd))
        }
        let trak = box("trak", tkhd + box("mdia", box("mdhd", [UInt8](repeating: 0, count: 24)) + hdlr + minf))
        return ftyp + box("moov", mvhd + trak) + box("mdat", [1, 2, 3, 4])
    }

    @Test("hand-made movies: version-1 headers, stsd size fallback, audio-only")
    func handMadeMovies() throws {
        let video = try WalkedFormat.mp4.check(Self.handMade(handler: "vide", tkhdSize: (320, 240)))
        #expect(
            video
                == MediaDetails(
                    width: 320, height: 240, durationSeconds: 3.0, hasVideoTrack: true, hasAudioTrack: false))
        let fallback = try WalkedFormat.mp4.check(
            Self.handMade(handler: "vide", tkhdSize: (0, 0), stsdSize: (176, 144)))
        #expect(fallback.width == 176 && fallback.height == 144)
        let audio = try WalkedFormat.mp4.check(Self.handMade(handler: "soun", tkhdSize: (0, 0)))
        #expect(audio == MediaDetails(durationSeconds: 3.0, hasVideoTrack: false, hasAudioTrack: true))
    }

    @Test("an MP4 without moov or without mdat is corrupt")
    func missingBoxes() throws {
        let bytes = try MediaFixture.bytes("video.mp4")
        let moov = try Self.box("moov", in: bytes)
        var noMoov = bytes
        noMoov.removeSubrange(moov.range)
        expectStructuralDefect(WalkedFormat.mp4.defect(noMoov), "corrupt: no 'moov' box", size: noMoov.count)
        let mdat = try Self.box("mdat", in: bytes)
        var noMdat = bytes
        noMdat.removeSubrange(mdat.range)
        expectStructuralDefect(WalkedFormat.mp4.defect(noMdat), "corrupt: no 'mdat' box", size: noMdat.count)
        // A moov without any trak.
        let emptyMovie =
            Self.ftyp + Self.box("moov", Self.box("mvhd", [UInt8](repeating: 0, count: 100))) + Self.box("mdat", [])
        expectStructuralDefect(
            WalkedFormat.mp4.defect(emptyMovie), "corrupt: the 'moov' box at byte 28 has no track",
            size: emptyMovie.count)
        let noHeader = Self.ftyp + Self.box("moov", Self.box("trak", [])) + Self.box("mdat", [])
        expectStructuralDefect(
            WalkedFormat.mp4.defect(noHeader), "corrupt: the 'moov' box at byte 28 has no 'mvhd'", size: noHeader.count)
    }

    @Test("ftyp must be the first box; moov may come before or after mdat")
    func ordering() throws {
        let bytes = try MediaFixture.bytes("video.mp4")
        let boxes = Self.topBoxes(bytes)
        #expect(boxes.map(\.type) == ["ftyp", "moov", "free", "mdat"])
        let end = try MediaFixture.bytes("moov-at-end.mp4")
        #expect(Self.topBoxes(end).map(\.type) == ["ftyp", "free", "mdat", "moov"])
        let swapped = Array(bytes[boxes[1].range]) + Array(bytes[boxes[0].range]) + Array(bytes[boxes[2].offset...])
        expectStructuralDefect(
            WalkedFormat.mp4.defect(swapped), "corrupt: the first box is 'moov', not 'ftyp'", size: swapped.count)
        let twice = bytes + Array(bytes[boxes[1].range])
        expectStructuralDefect(
            WalkedFormat.mp4.defect(twice), "corrupt: a second 'moov' box at byte \(bytes.count)", size: twice.count)
    }

    @Test("a box larger than the file is a truncation naming the box")
    func oversizedBox() throws {
        let bytes = try MediaFixture.bytes("video.mp4")
        let mdat = try Self.box("mdat", in: bytes)
        let bigger = Self.setting(bytes, mdat.size + 1000, at: mdat.offset)
        expectStructuralDefect(
            WalkedFormat.mp4.defect(bigger),
            "truncated: box 'mdat' at byte \(mdat.offset) declares \(mdat.size + 1000) bytes, only \(mdat.size) remain",
            size: bigger.count)
        let end = try MediaFixture.bytes("moov-at-end.mp4")
        let moov = try Self.box("moov", in: end)
        let biggerMoov = Self.setting(end, 0x7FFF_FFFF, at: moov.offset)
        expectStructuralDefect(
            WalkedFormat.mp4.defect(biggerMoov),
            "truncated: box 'moov' at byte \(moov.offset) declares 2147483647 bytes", size: end.count)
        let tiny = Self.setting(bytes, 7, at: mdat.offset)
        expectStructuralDefect(
            WalkedFormat.mp4.defect(tiny),
            "corrupt: box 'mdat' at byte \(mdat.offset) declares 7 bytes, less than its 8-byte header",
            size: bytes.count)
    }

    @Test("a child box larger than its parent is corrupt")
    func oversizedChild() throws {
        let bytes = try MediaFixture.bytes("video.mp4")
        let moov = try Self.box("moov", in: bytes)
        // mvhd is the first child of moov.
        #expect(String(decoding: bytes[(moov.offset + 12)..<(moov.offset + 16)], as: UTF8.self) == "mvhd")
        let broken = Self.setting(bytes, moov.size, at: moov.offset + 8)
        expectStructuralDefect(
            WalkedFormat.mp4.defect(broken), "corrupt: box 'mvhd' at byte \(moov.offset + 8) declares",
            containing: "parent 'moov'", size: broken.count)
    }

    @Test("64-bit sizes and size 0 (to the end of the file)")
    func sizeEncodings() throws {
        let bytes = try MediaFixture.bytes("video.mp4")
        let expected = try WalkedFormat.mp4.check(bytes)
        let mdat = try Self.box("mdat", in: bytes)
        #expect(mdat.range.upperBound == bytes.count)
        // mdat with size 0 extends to the end of the file.
        #expect(try WalkedFormat.mp4.check(Self.setting(bytes, 0, at: mdat.offset)) == expected)
        // mdat with a 64-bit largesize.
        let large =
            Array(bytes[..<mdat.offset]) + Self.be32(1) + Array("mdat".utf8) + Self.be32(0) + Self.be32(mdat.size + 8)
            + Array(bytes[(mdat.offset + 8)...])
        #expect(try WalkedFormat.mp4.check(large) == expected)
        var tooSmall = large
        tooSmall.replaceSubrange((mdat.offset + 12)..<(mdat.offset + 16), with: Self.be32(15))
        expectStructuralDefect(
            WalkedFormat.mp4.defect(tooSmall), "corrupt: box 'mdat'", containing: "less than its 16-byte header",
            size: tooSmall.count)
        var huge = large
        huge.replaceSubrange((mdat.offset + 8)..<(mdat.offset + 16), with: [UInt8](repeating: 0xFF, count: 8))
        expectStructuralDefect(WalkedFormat.mp4.defect(huge), "truncated: box 'mdat'", size: huge.count)
        // A few stray bytes after the last box.
        let stray = bytes + [0, 0, 0]
        expectStructuralDefect(
            WalkedFormat.mp4.defect(stray), "truncated: a box header at byte \(bytes.count) is cut short",
            size: stray.count)
    }

    @Test("a fragmented movie takes its duration from mvex/mehd, else it is unknown")
    func fragmented() throws {
        // mvhd version 0: timescale 1000, duration 0.
        let mvhd = Self.box(
            "mvhd",
            [0, 0, 0, 0] + Self.be32(0) + Self.be32(0) + Self.be32(1000) + Self.be32(0)
                + [UInt8](repeating: 0, count: 80))
        let trak = Self.box(
            "trak",
            Self.box("mdia", Self.box("hdlr", [UInt8](repeating: 0, count: 8) + Array("soun".utf8) + [0, 0, 0, 0, 0])))
        let mehd = Self.box("mehd", [0, 0, 0, 0] + Self.be32(2500))
        let withMehd =
            Self.ftyp + Self.box("moov", mvhd + Self.box("mvex", mehd) + trak) + Self.box("moof", [])
            + Self.box("mdat", [])
        #expect(try WalkedFormat.mp4.check(withMehd).durationSeconds == 2.5)
        let without =
            Self.ftyp + Self.box("moov", mvhd + Self.box("mvex", []) + trak) + Self.box("moof", [])
            + Self.box("mdat", [])
        #expect(try WalkedFormat.mp4.check(without).durationSeconds == nil)
    }

    @Test("ftypisom followed by zeros is not a movie")
    func ftypThenZeros() {
        for zeros in [0, 4, 8, 100, 4096] {
            let bytes = Self.ftyp + [UInt8](repeating: 0, count: zeros)
            let defect = WalkedFormat.mp4.defect(bytes)
            expectStructuralDefect(defect, "", size: bytes.count, "\(zeros) zeros")
        }
    }
}
