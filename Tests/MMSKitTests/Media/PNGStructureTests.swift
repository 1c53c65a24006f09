import Testing

@testable import MMSKit

@Suite("PNG structure")
struct PNGStructureTests {
    /// One chunk of a PNG: its offset, data length and type.
    struct Chunk {
        var offset: Int
        var length: Int
        var type: String
        var end: Int { offset + 12 + length }
    }

    /// The chunks of a well-formed PNG (test-side walk).
    static func chunks(_ bytes: [UInt8]) -> [Chunk] {
        var result: [Chunk] = []
        var pos = 8
        while pos + 12 <= bytes.count {
            let length = bytes[pos..<pos + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[pos + 4..<pos + 8], as: UTF8.self)
            result.append(Chunk(offset: pos, length: length, type: type))
            pos += 12 + length
        }
        return result
    }

    /// Rewrites the CRC of the chunk at `offset` after its data was edited.
    static func fixCRC(_ bytes: inout [UInt8], chunkAt offset: Int) {
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        let crc = bytes[(offset + 4)..<(offset + 8 + length)].withUnsafeBytes { CRC32.checksum($0) }
        for k in 0..<4 { bytes[offset + 8 + length + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
    }

    @Test("CRC32 matches known values")
    func crcKnownValues() {
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        #expect(Array("IEND".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xAE42_6082)
        // Lengths that exercise both the 8-byte and the tail loop.
        let text = Array("The quick brown fox jumps over the lazy dog".utf8)
        #expect(text.withUnsafeBytes { CRC32.checksum($0) } == 0x414F_A339)
    }

    @Test("a flipped CRC byte in IHDR is corrupt")
    func flippedIHDRCRC() throws {
        var bytes = try MediaFixture.bytes("still.png")
        bytes[29] ^= 0x01  // IHDR CRC is bytes 29..<33
        expectStructuralDefect(
            WalkedFormat.png.defect(bytes), "corrupt: CRC mismatch in chunk 'IHDR'", size: bytes.count)
    }

    @Test("a flipped data byte in a non-IDAT chunk fails its CRC; in IDAT it is not checked")
    func flippedDataByte() throws {
        let original = try MediaFixture.bytes("apng.png")
        let chunks = Self.chunks(original)
        let fcTL = try #require(chunks.first { $0.type == "fcTL" })
        var bytes = original
        bytes[fcTL.offset + 10] ^= 0x40
        expectStructuralDefect(
            WalkedFormat.png.defect(bytes), "corrupt: CRC mismatch in chunk 'fcTL'", size: bytes.count)

        let idat = try #require(Self.chunks(try MediaFixture.bytes("still.png")).first { $0.type == "IDAT" })
        var still = try MediaFixture.bytes("still.png")
        still[idat.offset + 10] ^= 0x40
        #expect(WalkedFormat.png.defect(still) == nil)
    }

    @Test("IHDR must come first and hold a non-zero size")
    func headerRules() throws {
        let original = try MediaFixture.bytes("still.png")
        let chunks = Self.chunks(original)
        #expect(chunks.first?.type == "IHDR")
        // Drop IHDR: the first chunk is then something else.
        let noHeader = Array(original[..<8]) + Array(original[chunks[0].end...])
        expectStructuralDefect(WalkedFormat.png.defect(noHeader), "corrupt: the first chunk is", size: noHeader.count)
        // Width 0 with a correct CRC.
        var zeroWidth = original
        for k in 16..<20 { zeroWidth[k] = 0 }
        Self.fixCRC(&zeroWidth, chunkAt: 8)
        expectStructuralDefect(
            WalkedFormat.png.defect(zeroWidth), "corrupt: IHDR declares an invalid size (width 0, height 24)",
            size: zeroWidth.count)
        // Colour type 2 with bit depth 4 is not allowed.
        var badDepth = original
        badDepth[24] = 4
        badDepth[25] = 2
        Self.fixCRC(&badDepth, chunkAt: 8)
        expectStructuralDefect(
            WalkedFormat.png.defect(badDepth), "corrupt: IHDR has an invalid bit depth", size: badDepth.count)
    }

    @Test("a PNG without IDAT or without IEND is a defect")
    func missingChunks() throws {
        let original = try MediaFixture.bytes("still.png")
        let chunks = Self.chunks(original)
        let idat = try #require(chunks.first { $0.type == "IDAT" })
        let noData = Array(original[..<idat.offset]) + Array(original[idat.end...])
        expectStructuralDefect(WalkedFormat.png.defect(noData), "corrupt: no IDAT chunk", size: noData.count)
        let iend = try #require(chunks.last)
        #expect(iend.type == "IEND")
        let noEnd = Array(original[..<iend.offset])
        expectStructuralDefect(
            WalkedFormat.png.defect(noEnd), "truncated: the file ends after chunk", containing: "IEND",
            size: noEnd.count)
    }

    @Test("a chunk longer than the file is a truncation naming the chunk")
    func oversizedChunk() throws {
        var bytes = try MediaFixture.bytes("still.png")
        let idat = try #require(Self.chunks(bytes).first { $0.type == "IDAT" })
        bytes[idat.offset + 1] = 0x01  // length += 65536
        expectStructuralDefect(
            WalkedFormat.png.defect(bytes), "truncated: chunk 'IDAT' at byte \(idat.offset) declares", size: bytes.count
        )
        bytes[idat.offset] = 0xFF  // beyond 2^31 - 1
        expectStructuralDefect(WalkedFormat.png.defect(bytes), "corrupt: chunk 'IDAT' declares", size: bytes.count)
    }

    @Test("an invalid chunk type is corrupt")
    func invalidChunkType() throws {
        var bytes = try MediaFixture.bytes("still.png")
        let second = Self.chunks(bytes)[1]
        bytes[second.offset + 5] = 0x00
        expectStructuralDefect(WalkedFormat.png.defect(bytes), "corrupt: invalid chunk type", size: bytes.count)
    }

    @Test("APNG: acTL frame count and summed fcTL delays")
    func animatedPNG() throws {
        let original = try MediaFixture.bytes("apng.png")
        let details = try WalkedFormat.png.check(original)
        #expect(details.frameCount == 3)
        #expect(abs((details.durationSeconds ?? 0) - 0.3) < 1e-9)
        // Delay denominator 0 means 1/100 s.
        var bytes = original
        for fcTL in Self.chunks(bytes) where fcTL.type == "fcTL" {
            bytes[fcTL.offset + 8 + 21] = 7  // numerator 7
            bytes[fcTL.offset + 8 + 22] = 0
            bytes[fcTL.offset + 8 + 23] = 0  // denominator 0
            Self.fixCRC(&bytes, chunkAt: fcTL.offset)
        }
        #expect(abs((try WalkedFormat.png.check(bytes).durationSeconds ?? 0) - 0.21) < 1e-9)
        // acTL with 0 frames is corrupt.
        var zeroFrames = original
        let acTL = try #require(Self.chunks(zeroFrames).first { $0.type == "acTL" })
        for k in 0..<4 { zeroFrames[acTL.offset + 8 + k] = 0 }
        Self.fixCRC(&zeroFrames, chunkAt: acTL.offset)
        expectStructuralDefect(
            WalkedFormat.png.defect(zeroFrames), "corrupt: chunk 'acTL' declares 0", size: zeroFrames.count)
    }

    @Test("a wrong signature is corrupt, a short one truncated")
    func signature() throws {
        let bytes = try MediaFixture.bytes("still.png")
        var wrong = bytes
        wrong[1] = 0x51
        expectStructuralDefect(WalkedFormat.png.defect(wrong), "corrupt: not a PNG signature", size: wrong.count)
        expectStructuralDefect(WalkedFormat.png.defect(Array(bytes[..<5])), "truncated:", size: 5)
    }
}
