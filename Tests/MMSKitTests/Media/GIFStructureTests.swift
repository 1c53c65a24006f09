import Testing

@testable import MMSKit

@Suite("GIF structure")
struct GIFStructureTests {
    @Test("a GIF without its trailer is truncated")
    func missingTrailer() throws {
        let bytes = try MediaFixture.bytes("animated.gif")
        #expect(bytes.last == 0x3B)
        let cut = Array(bytes.dropLast())
        expectStructuralDefect(
            WalkedFormat.gif.defect(cut), "truncated: the file ends at byte \(cut.count) before the GIF trailer",
            size: cut.count)
    }

    @Test("a wrong byte where a block should start is corrupt")
    func badIntroducer() throws {
        var bytes = try MediaFixture.bytes("palette.gif")
        bytes[bytes.count - 1] = 0x00
        expectStructuralDefect(
            WalkedFormat.gif.defect(bytes), "corrupt: unexpected byte 0x00 at byte \(bytes.count - 1)",
            size: bytes.count)
    }

    /// A hand-built GIF: `frames` 2x2 images, each after a Graphic Control Extension with `delay` hundredths.
    static func handMade(frames: Int, delay: UInt8, codeSize: UInt8 = 2, version: String = "GIF89a") -> [UInt8] {
        var bytes = Array(version.utf8) + [2, 0, 2, 0, 0x80, 0, 0]  // 2x2, 2-colour global table
        bytes += [0, 0, 0, 0xFF, 0xFF, 0xFF]
        for _ in 0..<frames {
            bytes += [0x21, 0xF9, 4, 0, delay, 0, 0, 0]
            bytes += [0x2C, 0, 0, 0, 0, 2, 0, 2, 0, 0, codeSize, 2, 0x44, 0x01, 0]
        }
        bytes += [0x21, 0xFE, 3] + Array("hi!".utf8) + [0]  // a comment extension
        return bytes + [0x3B]
    }

    @Test("hand-made GIFs: frames, delays, version")
    func handMadeGIFs() throws {
        #expect(
            try WalkedFormat.gif.check(Self.handMade(frames: 1, delay: 50))
                == MediaDetails(width: 2, height: 2, frameCount: 1))
        let animated = try WalkedFormat.gif.check(Self.handMade(frames: 4, delay: 25))
        #expect(animated.frameCount == 4)
        #expect(animated.durationSeconds == 1.0)
        #expect(try WalkedFormat.gif.check(Self.handMade(frames: 1, delay: 0, version: "GIF87a")).frameCount == 1)
        let badVersion = Self.handMade(frames: 1, delay: 0, version: "GIF88a")
        expectStructuralDefect(
            WalkedFormat.gif.defect(badVersion), "corrupt: unknown GIF version", size: badVersion.count)
        let badCodeSize = Self.handMade(frames: 1, delay: 0, codeSize: 13)
        expectStructuralDefect(
            WalkedFormat.gif.defect(badCodeSize), "corrupt: image 1 at byte 27 has an invalid LZW minimum code size 13",
            size: badCodeSize.count)
        let noImage = Self.handMade(frames: 0, delay: 0)
        expectStructuralDefect(WalkedFormat.gif.defect(noImage), "corrupt: the GIF has no image", size: noImage.count)
    }

    @Test("a colour table or sub-block running past the end is truncated")
    func overruns() throws {
        let header = Array("GIF89a".utf8) + [2, 0, 2, 0, 0x87, 0, 0]  // 256-colour table declared
        expectStructuralDefect(
            WalkedFormat.gif.defect(header + [1, 2, 3]),
            "truncated: the global colour table needs 768 bytes, only 3 remain", size: 16)
        var bytes = Self.handMade(frames: 1, delay: 0)
        bytes[bytes.count - 6] = 200  // the comment's sub-block length
        let defect = WalkedFormat.gif.defect(bytes)
        expectStructuralDefect(defect, "truncated: a data sub-block of extension 0xFE", size: bytes.count)
    }

    @Test("GIF89a followed by noise is a defect")
    func noise() {
        var rng = WalkerFuzzRNG(seed: 89)
        for _ in 0..<50 {
            let bytes = Array("GIF89a".utf8) + rng.bytes(Int.random(in: 0...400, using: &rng))
            expectStructuralDefect(WalkedFormat.gif.defect(bytes), "", size: bytes.count)
        }
        expectStructuralDefect(
            WalkedFormat.gif.defect(Array("GIF89a".utf8)), "truncated: the file ends inside the GIF header", size: 6)
    }
}
