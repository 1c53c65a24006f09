import Testing

@testable import MMSKit

@Suite("JPEG structure")
struct JPEGStructureTests {
    /// One marker segment before the first scan's data: marker byte, offset of its FF, total size with marker.
    struct Segment {
        var marker: UInt8
        var offset: Int
        var size: Int
    }

    /// The marker segments from SOI up to and including the first SOS (test-side walk of a good file).
    static func headerSegments(_ bytes: [UInt8]) -> [Segment] {
        var result: [Segment] = []
        var pos = 2
        while pos + 4 <= bytes.count, bytes[pos] == 0xFF {
            let marker = bytes[pos + 1]
            let length = Int(bytes[pos + 2]) << 8 | Int(bytes[pos + 3])
            result.append(Segment(marker: marker, offset: pos, size: 2 + length))
            if marker == 0xDA { break }
            pos += 2 + length
        }
        return result
    }

    @Test("progressive fixture has several scans and passes")
    func progressive() throws {
        let bytes = try MediaFixture.bytes("progressive.jpg")
        let sosCount = zip(bytes, bytes.dropFirst()).filter { $0 == 0xFF && $1 == 0xDA }.count
        #expect(sosCount > 1)
        #expect(Self.headerSegments(bytes).contains { $0.marker == 0xC2 })
        #expect(try WalkedFormat.jpeg.check(bytes) == MediaDetails(width: 80, height: 60, frameCount: 1))
    }

    @Test("a JPEG without EOI is truncated")
    func missingEOI() throws {
        let bytes = try MediaFixture.bytes("baseline.jpg")
        #expect(bytes.suffix(2) == [0xFF, 0xD9])
        let cut = Array(bytes.dropLast(2))
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(cut), "truncated: the file ends inside the data of scan 1", containing: "EOI",
            size: cut.count)
    }

    @Test("SOS without a preceding SOF is corrupt")
    func scanBeforeFrame() throws {
        let bytes = try MediaFixture.bytes("baseline.jpg")
        let sof = try #require(Self.headerSegments(bytes).first { $0.marker == 0xC0 })
        let noFrame = Array(bytes[..<sof.offset]) + Array(bytes[(sof.offset + sof.size)...])
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(noFrame), "corrupt: scan (SOS) at byte",
            containing: "before any frame header (SOF)", size: noFrame.count)
    }

    @Test("a frame header with width 0 is corrupt")
    func zeroWidth() throws {
        var bytes = try MediaFixture.bytes("baseline.jpg")
        let sof = try #require(Self.headerSegments(bytes).first { $0.marker == 0xC0 })
        bytes[sof.offset + 7] = 0
        bytes[sof.offset + 8] = 0
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(bytes),
            "corrupt: frame header 'SOF0' (FFC0) declares an invalid size (width 0, height 48)", size: bytes.count)
    }

    @Test("a segment longer than the file is a truncation naming the segment")
    func oversizedSegment() throws {
        var bytes = try MediaFixture.bytes("baseline.jpg")
        let dqt = try #require(Self.headerSegments(bytes).first { $0.marker == 0xDB })
        bytes[dqt.offset + 2] = 0xFF
        bytes[dqt.offset + 3] = 0xFF
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(bytes),
            "truncated: segment 'DQT' (FFDB) at byte \(dqt.offset) declares 65535 bytes", size: bytes.count)
        bytes[dqt.offset + 2] = 0
        bytes[dqt.offset + 3] = 1
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(bytes), "corrupt: segment 'DQT' (FFDB)", containing: "less than 2",
            size: bytes.count)
    }

    @Test("a non-marker byte between segments is corrupt")
    func strayByte() throws {
        var bytes = try MediaFixture.bytes("baseline.jpg")
        let second = Self.headerSegments(bytes)[1]
        bytes.insert(0x00, at: second.offset)
        expectStructuralDefect(
            WalkedFormat.jpeg.defect(bytes), "corrupt: expected a marker at byte \(second.offset)", size: bytes.count)
    }

    @Test("fill bytes, byte stuffing and restart markers are accepted")
    func fillAndRestart() throws {
        let original = try MediaFixture.bytes("baseline.jpg")
        let expected = try WalkedFormat.jpeg.check(original)
        let segments = Self.headerSegments(original)
        // Fill bytes before a marker.
        var filled = original
        filled.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: segments[1].offset)
        #expect(try WalkedFormat.jpeg.check(filled) == expected)
        // Stuffed FF00, RST3 and fill bytes inside the entropy-coded data.
        let sos = try #require(segments.last)
        #expect(sos.marker == 0xDA)
        var scan = original
        scan.insert(contentsOf: [0xFF, 0x00, 0xFF, 0xD3, 0xFF, 0xFF, 0x00], at: sos.offset + sos.size + 3)
        #expect(try WalkedFormat.jpeg.check(scan) == expected)
        // Fill bytes before EOI.
        var beforeEOI = original
        beforeEOI.insert(contentsOf: [0xFF, 0xFF], at: beforeEOI.count - 2)
        #expect(try WalkedFormat.jpeg.check(beforeEOI) == expected)
    }

    @Test("minimal broken JPEGs")
    func minimal() {
        expectStructuralDefect(
            WalkedFormat.jpeg.defect([0xFF, 0xD8, 0xFF, 0xD9]), "corrupt: EOI at byte 2 before any scan", size: 4)
        expectStructuralDefect(WalkedFormat.jpeg.defect([0xFF, 0xD8, 0xFF, 0xD8]), "corrupt: a second SOI", size: 4)
        expectStructuralDefect(WalkedFormat.jpeg.defect([0xFF, 0xD8, 0xFF, 0xE0]), "truncated:", size: 4)
        expectStructuralDefect(
            WalkedFormat.jpeg.defect([0xFF, 0xD8]), "truncated: the file ends after the SOI marker", size: 2)
        expectStructuralDefect(WalkedFormat.jpeg.defect([0xFF]), "truncated:", size: 1)
        expectStructuralDefect(WalkedFormat.jpeg.defect([0x89, 0x50, 0x4E, 0x47]), "corrupt: no JPEG SOI", size: 4)
    }
}
