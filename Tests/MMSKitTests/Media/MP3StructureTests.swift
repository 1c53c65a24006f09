import Testing

@testable import MMSKit

@Suite("MP3 structure")
struct MP3StructureTests {
    /// Start offsets of the layer III frames of a good file, plus the end of the last (test-side walk).
    static func frameBoundaries(_ bytes: [UInt8]) -> [Int] {
        let mpeg1: [Int] = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
        let mpeg2: [Int] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        var pos = bytes.withUnsafeBytes { ID3v2Tag.length(in: $0) }
        var result: [Int] = []
        while pos + 4 <= bytes.count, bytes[pos] == 0xFF, bytes[pos + 1] & 0xE0 == 0xE0 {
            result.append(pos)
            let version = (bytes[pos + 1] >> 3) & 3
            let bitrate = (version == 3 ? mpeg1 : mpeg2)[Int(bytes[pos + 2] >> 4)] * 1000
            let rate =
                [44100, 48000, 32000][Int((bytes[pos + 2] >> 2) & 3)] / (version == 3 ? 1 : version == 2 ? 2 : 4)
            pos += (version == 3 ? 144 : 72) * bitrate / rate + Int((bytes[pos + 2] >> 1) & 1)
        }
        result.append(pos)
        return result
    }

    @Test(
        "frames tile the fixtures exactly",
        arguments: ["cbr.mp3", "vbr.mp3", "mpeg2.mp3", "mpeg25.mp3", "id3-cover.mp3"])
    func boundariesTile(_ name: String) throws {
        let bytes = try MediaFixture.bytes(name)
        let boundaries = Self.frameBoundaries(bytes)
        #expect(boundaries.count > 10)
        #expect(boundaries.last == bytes.count)
    }

    @Test(
        "a cut inside a frame is truncated, a cut at a frame boundary is valid",
        arguments: ["cbr.mp3", "vbr.mp3", "mpeg2.mp3", "mpeg25.mp3"])
    func cuts(_ name: String) throws {
        let bytes = try MediaFixture.bytes(name)
        let boundaries = Self.frameBoundaries(bytes)
        let full = try #require(try WalkedFormat.mp3.check(bytes).durationSeconds)
        var previous = 0.0
        for (index, start) in boundaries.dropLast().enumerated() {
            let next = boundaries[index + 1]
            for cut in Set([start + 1, start + 2, start + 3, start + 4, (start + next) / 2, next - 1]) where cut < next
            {
                let defect = WalkedFormat.mp3.defect(Array(bytes[..<cut]))
                let expected =
                    index == 0 && cut - start < 4
                    ? "truncated: the file ends inside the first MPEG frame header at byte \(start)"
                    : "truncated: the last MPEG frame at byte \(start) needs"
                expectStructuralDefect(defect, expected, size: cut, "\(name) cut at \(cut)")
            }
            // A cut exactly after this frame is a shorter but valid file.
            let prefix = Array(bytes[..<next])
            let duration = try #require(try WalkedFormat.mp3.check(prefix).durationSeconds, "\(name) cut at \(next)")
            #expect(duration >= previous && duration <= full + 1e-9)
            previous = duration
        }
        #expect(abs(previous - full) < 1e-9)
    }

    @Test("a cut inside a large ID3v2 tag is a truncation of the tag")
    func cutInsideTag() throws {
        let bytes = try MediaFixture.bytes("id3-cover.mp3")
        let tag = bytes.withUnsafeBytes { ID3v2Tag.length(in: $0) }
        #expect(tag > 100_000)
        for cut in [3, 9, 10, 5000, tag / 2, tag - 1] {
            // Cut inside the 10-byte header, only the header's own length is known.
            let declared = cut < 10 ? 10 : tag
            expectStructuralDefect(
                WalkedFormat.mp3.defect(Array(bytes[..<cut])),
                "truncated: the ID3v2 tag declares \(declared) bytes, only \(cut) are in the file",
                size: cut)
        }
        // The tag alone, no audio after it.
        expectStructuralDefect(
            WalkedFormat.mp3.defect(Array(bytes[..<tag])), "corrupt: no MPEG audio frames found", size: tag)
    }

    @Test("layer II audio is rejected as not layer III")
    func layerII() throws {
        let mp2 = try MediaFixture.bytes("layer2.mp3")
        expectStructuralDefect(
            WalkedFormat.mp3.defect(mp2), "corrupt: MPEG-1 audio layer II at byte 0, not layer III", size: mp2.count)
        // The first header of a real MP3 relabelled as layer II (layer bits 11 → 10).
        var relabelled = try MediaFixture.bytes("cbr.mp3")
        relabelled[1] = (relabelled[1] & ~0x06) | 0x04
        expectStructuralDefect(
            WalkedFormat.mp3.defect(relabelled), "corrupt: MPEG-1 audio layer II", size: relabelled.count)
        // Layer I header bits followed by noise.
        var rng = WalkerFuzzRNG(seed: 1)
        let layerI = [0xFF, 0xFF, 0x90, 0x00] + rng.bytes(1000)
        expectStructuralDefect(
            WalkedFormat.mp3.defect(layerI), "corrupt: MPEG-1 audio layer I at byte 0", size: layerI.count)
    }

    @Test("invalid header fields are not frames")
    func invalidHeaders() {
        var rng = WalkerFuzzRNG(seed: 7)
        let noise = rng.bytes(3000)
        for header: [UInt8] in [
            [0xFF, 0xFB, 0x00, 0x00], [0xFF, 0xFB, 0xF0, 0x00], [0xFF, 0xFB, 0x9C, 0x00], [0xFF, 0xEB, 0x90, 0x00],
        ] {
            // The same header repeated where each frame should end would chain if it were valid.
            let bytes = header + noise
            expectStructuralDefect(
                WalkedFormat.mp3.defect(bytes), "corrupt: no MPEG audio frames found", size: bytes.count)
        }
    }

    @Test("trailing tags, padding and junk after the frames are accepted")
    func trailers() throws {
        let bytes = try MediaFixture.bytes("cbr.mp3")
        let expected = try WalkedFormat.mp3.check(bytes)
        let id3v1 = Array("TAG".utf8) + [UInt8](repeating: 0x20, count: 125)
        let ape = Array("APETAGEX".utf8) + [UInt8](repeating: 0, count: 24)
        var rng = WalkerFuzzRNG(seed: 3)
        for trailer in [id3v1, ape + id3v1, Array("LYRICSBEGIN".utf8) + id3v1] {
            #expect(try WalkedFormat.mp3.check(bytes + trailer) == expected)
        }
        // Padding and junk are accepted too, and counted as trailing data (less an ID3v1 tag at the very end).
        for (trailer, count) in [
            ([UInt8](repeating: 0, count: 5000), 5000), (rng.bytes(300), 300), (rng.bytes(300) + id3v1, 300),
            (id3v1 + [1, 2, 3], 3),
        ] {
            var counted = expected
            counted.trailingBytes = count
            #expect(try WalkedFormat.mp3.check(bytes + trailer) == counted)
        }
    }

    @Test("junk or zero padding before the first frame is skipped")
    func leadingJunk() throws {
        let bytes = try MediaFixture.bytes("cbr.mp3")
        let expected = try #require(try WalkedFormat.mp3.check(bytes).durationSeconds)
        for junk in [[UInt8](repeating: 0, count: 1000), Array("RIFF garbage".utf8), [0xFF, 0xFB, 0x12]] {
            let duration = try #require(try WalkedFormat.mp3.check(junk + bytes).durationSeconds)
            #expect(abs(duration - expected) < 1e-9)
        }
        // More than the 4 KiB search window of junk is not an MP3.
        let far = [UInt8](repeating: 0, count: 5000) + bytes
        expectStructuralDefect(WalkedFormat.mp3.defect(far), "corrupt: no MPEG audio frames found", size: far.count)
    }

    @Test("a damaged frame header mid-stream: the walk resyncs and accepts")
    func resync() throws {
        var bytes = try MediaFixture.bytes("cbr.mp3")
        let full = try #require(try WalkedFormat.mp3.check(bytes).durationSeconds)
        let boundaries = Self.frameBoundaries(bytes)
        bytes[boundaries[10]] = 0x00  // frame 10's sync byte
        let duration = try #require(try WalkedFormat.mp3.check(bytes).durationSeconds)
        #expect(abs(duration - (full - 1152.0 / 44100)) < 1e-6)
    }

    @Test("the Xing/Info frame is not counted as audio")
    func infoFrame() throws {
        let bytes = try MediaFixture.bytes("cbr.mp3")
        let boundaries = Self.frameBoundaries(bytes)
        let frames = boundaries.count - 1
        let duration = try #require(try WalkedFormat.mp3.check(bytes).durationSeconds)
        #expect(abs(duration - Double(frames - 1) * 1152 / 44100) < 1e-9)
    }

    @Test("FF FB 90 00 followed by noise is not an MP3")
    func signatureThenNoise() {
        var rng = WalkerFuzzRNG(seed: 0xFB)
        for _ in 0..<50 {
            let bytes = [0xFF, 0xFB, 0x90, 0x00] + rng.bytes(Int.random(in: 500...5000, using: &rng))
            expectStructuralDefect(
                WalkedFormat.mp3.defect(bytes), "corrupt: no MPEG audio frames found", size: bytes.count)
        }
    }
}

@Suite("ID3v2 tag length")
struct ID3v2TagTests {
    /// An ID3v2.4 header declaring `size` bytes (syncsafe) with `flags`.
    static func header(size: Int, flags: UInt8 = 0) -> [UInt8] {
        [
            0x49, 0x44, 0x33, 4, 0, flags,
            UInt8(size >> 21 & 0x7F), UInt8(size >> 14 & 0x7F), UInt8(size >> 7 & 0x7F), UInt8(size & 0x7F),
        ]
    }

    /// ID3v2Tag.length over `bytes`.
    static func length(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { ID3v2Tag.length(in: $0) } }

    @Test("lengths of tags")
    func lengths() throws {
        let audio: [UInt8] = [0xFF, 0xFB, 0x90, 0x00]
        #expect(Self.length(audio) == 0)
        #expect(Self.length([]) == 0)
        #expect(Self.length(Self.header(size: 20) + [UInt8](repeating: 0, count: 20) + audio) == 30)
        // Footer flag adds 10 bytes.
        #expect(Self.length(Self.header(size: 20, flags: 0x10) + [UInt8](repeating: 0, count: 30) + audio) == 40)
        // Two consecutive tags.
        let two =
            Self.header(size: 5) + [UInt8](repeating: 0, count: 5) + Self.header(size: 300)
            + [UInt8](repeating: 0, count: 300)
        #expect(Self.length(two + audio) == 325)
        // A size larger than the file is clamped; a header cut short too.
        #expect(Self.length(Self.header(size: 1_000_000) + audio) == 14)
        #expect(Self.length([0x49, 0x44, 0x33, 4, 0]) == 5)
        // Not syncsafe: not a tag.
        var bad = Self.header(size: 20)
        bad[7] = 0x80
        #expect(Self.length(bad + audio) == 0)
        // The cover-art fixture's tag ends where its first frame starts.
        let cover = try MediaFixture.bytes("id3-cover.mp3")
        let tag = Self.length(cover)
        #expect(tag > 100_000 && tag < cover.count)
        #expect(cover[tag] == 0xFF)
    }
}
