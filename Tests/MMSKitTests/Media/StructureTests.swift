import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// The five media formats mmskit walks, with their checker, for table-driven tests.
enum WalkedFormat: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case png, jpeg, gif, mp3, mp4

    var testDescription: String { rawValue }

    /// Runs this format's structural checker over `bytes`.
    func check(_ bytes: [UInt8]) throws(StructuralDefect) -> MediaDetails {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(StructuralDefect) -> MediaDetails in
                switch self {
                case .png: try PNGStructure.check(raw)
                case .jpeg: try JPEGStructure.check(raw)
                case .gif: try GIFStructure.check(raw)
                case .mp3: try MP3Structure.check(raw)
                case .mp4: try MP4Structure.check(raw)
                }
            }
        }
        return try result.get()
    }

    /// The checker's defect for `bytes`, or nil when it accepts them.
    func defect(_ bytes: [UInt8]) -> StructuralDefect? {
        do {
            _ = try check(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// Good fixtures of this format.
    var fixtures: [String] {
        switch self {
        case .png: ["still.png", "apng.png"]
        case .jpeg: ["baseline.jpg", "progressive.jpg"]
        case .gif: ["palette.gif", "animated.gif"]
        case .mp3: ["cbr.mp3", "vbr.mp3", "mpeg2.mp3", "mpeg25.mp3", "id3-cover.mp3"]
        case .mp4: ["video.mp4", "moov-at-end.mp4", "audio-only.mp4", "mpeg4part2.mp4"]
        }
    }
}

/// Loads fixture files from Tests/MMSKitTests/Fixtures/media.
enum MediaFixture {
    static let directory = PackagePaths.fixture("media")

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// A small deterministic generator (SplitMix64) so fuzz cases are reproducible.
struct WalkerFuzzRNG: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}

/// A good fixture and the details its walk must report.
struct GoodMediaFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var format: WalkedFormat
    var width: Int? = nil
    var height: Int? = nil
    var frameCount: Int? = nil
    var duration: Double? = nil
    var tolerance = 0.01
    var video: Bool? = nil
    var audio: Bool? = nil

    var testDescription: String { name }
}

/// Asserts `defect` is a well-formed defect whose reason starts with `prefix`.
func expectStructuralDefect(
    _ defect: StructuralDefect?, _ prefix: String, containing fragment: String? = nil, size: Int,
    _ context: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let defect else {
        Issue.record(
            "expected a defect starting \"\(prefix)\", the walk accepted it. \(context())",
            sourceLocation: sourceLocation)
        return
    }
    #expect(defect.reason.hasPrefix(prefix), "\(defect.reason) — \(context())", sourceLocation: sourceLocation)
    if let fragment {
        #expect(defect.reason.contains(fragment), "\(defect.reason) — \(context())", sourceLocation: sourceLocation)
    }
    #expect(
        defect.offset >= 0 && defect.offset <= size, "offset \(defect.offset) of \(size)",
        sourceLocation: sourceLocation)
}

@Suite("Structural walkers: shared behaviour")
struct StructureTests {
    static let goodFixtures: [GoodMediaFixture] = [
        GoodMediaFixture(name: "baseline.jpg", format: .jpeg, width: 64, height: 48, frameCount: 1),
        GoodMediaFixture(name: "progressive.jpg", format: .jpeg, width: 80, height: 60, frameCount: 1),
        GoodMediaFixture(name: "still.png", format: .png, width: 32, height: 24, frameCount: 1),
        GoodMediaFixture(name: "apng.png", format: .png, width: 16, height: 16, frameCount: 3, duration: 0.3),
        GoodMediaFixture(name: "palette.gif", format: .gif, width: 20, height: 10, frameCount: 1),
        GoodMediaFixture(name: "animated.gif", format: .gif, width: 24, height: 24, frameCount: 3, duration: 0.6),
        // lame's priming/padding makes whole frames slightly longer than the 1 s of input.
        GoodMediaFixture(name: "cbr.mp3", format: .mp3, duration: 1.045, tolerance: 0.03),
        GoodMediaFixture(name: "vbr.mp3", format: .mp3, duration: 1.045, tolerance: 0.03),
        GoodMediaFixture(name: "mpeg2.mp3", format: .mp3, duration: 1.071, tolerance: 0.03),
        GoodMediaFixture(name: "mpeg25.mp3", format: .mp3, duration: 1.152, tolerance: 0.08),
        GoodMediaFixture(name: "id3-cover.mp3", format: .mp3, duration: 1.045, tolerance: 0.03),
        GoodMediaFixture(
            name: "video.mp4", format: .mp4, width: 64, height: 48, duration: 1.0, video: true, audio: true),
        GoodMediaFixture(
            name: "moov-at-end.mp4", format: .mp4, width: 64, height: 48, duration: 1.0, video: true, audio: true),
        GoodMediaFixture(
            name: "audio-only.mp4", format: .mp4, duration: 1.0, tolerance: 0.05, video: false, audio: true),
        GoodMediaFixture(
            name: "mpeg4part2.mp4", format: .mp4, width: 48, height: 32, duration: 1.0, video: true, audio: false),
    ]

    @Test("good fixtures pass with the right details", arguments: goodFixtures)
    func goodFixture(_ fixture: GoodMediaFixture) throws {
        let bytes = try MediaFixture.bytes(fixture.name)
        let details = try fixture.format.check(bytes)
        #expect(details.width == fixture.width)
        #expect(details.height == fixture.height)
        #expect(details.frameCount == fixture.frameCount)
        #expect(details.hasVideoTrack == fixture.video)
        #expect(details.hasAudioTrack == fixture.audio)
        if let expected = fixture.duration {
            let duration = try #require(details.durationSeconds)
            #expect(abs(duration - expected) <= fixture.tolerance, "duration \(duration), expected \(expected)")
        } else {
            #expect(details.durationSeconds == nil)
        }
    }

    @Test("the fixtures stay small")
    func fixturesAreSmall() throws {
        var total = 0
        for format in WalkedFormat.allCases {
            for name in format.fixtures {
                let size = try MediaFixture.bytes(name).count
                total += size
                #expect(size < 20_000 || name == "id3-cover.mp3", "\(name) is \(size) bytes")
            }
        }
        #expect(total < 300_000)
    }

    @Test("an empty buffer is a defect for every format", arguments: WalkedFormat.allCases)
    func emptyBuffer(_ format: WalkedFormat) {
        let defect = format.defect([])
        #expect(defect != nil)
        #expect(defect.map { $0.reason.hasPrefix("truncated:") || $0.reason.hasPrefix("corrupt:") } == true)
    }

    @Test("each walker rejects the other formats' fixtures", arguments: WalkedFormat.allCases)
    func otherFormatsRejected(_ format: WalkedFormat) throws {
        for other in WalkedFormat.allCases where other != format {
            for name in other.fixtures {
                let bytes = try MediaFixture.bytes(name)
                expectStructuralDefect(
                    format.defect(bytes), "corrupt:", size: bytes.count, "\(format) walker on \(name)")
            }
        }
    }

    @Test("random bytes never crash and are rejected", arguments: WalkedFormat.allCases)
    func randomBytes(_ format: WalkedFormat) {
        var rng = WalkerFuzzRNG(seed: 0x5EED_0000 &+ UInt64(format.rawValue.count))
        let prefixes: [[UInt8]] = [
            [], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF],
            Array("GIF89a".utf8), [0xFF, 0xFB, 0x90, 0x00], Array("ID3".utf8) + [3, 0, 0, 0, 0, 0x10],
            [0, 0, 0, 0x18] + Array("ftypisom".utf8),
        ]
        for i in 0..<300 {
            let length = Int.random(in: 0...3000, using: &rng)
            let bytes = prefixes[i % prefixes.count] + rng.bytes(length)
            let defect = format.defect(bytes)
            // Random bytes after a signature are never a valid file (they cannot reach a trailer/IEND/EOI/...).
            expectStructuralDefect(defect, "", size: bytes.count, "\(format) random case \(i)")
            if let defect {
                #expect(
                    defect.reason.hasPrefix("truncated: ") || defect.reason.hasPrefix("corrupt: "), "\(defect.reason)")
            }
        }
    }

    @Test("random mutations of good files never crash", arguments: WalkedFormat.allCases)
    func mutations(_ format: WalkedFormat) throws {
        let originals = try format.fixtures.map(MediaFixture.bytes)
        var rng = WalkerFuzzRNG(seed: 0xC0FF_EE00 &+ UInt64(format.rawValue.utf8.first ?? 0))
        for i in 0..<300 {
            var bytes = originals[i % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<7, using: &rng) {
                case 0: bytes[at] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
                case 1: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                case 2: bytes.removeSubrange(at...)
                case 3: bytes.insert(contentsOf: rng.bytes(Int.random(in: 1...64, using: &rng)), at: at)
                case 4: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng)))
                case 5:  // a length field overwritten with extremes
                    let value: [UInt8] = [
                        [0xFF, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0], [0, 0, 0, 1], [0x7F, 0xFF, 0xFF, 0xFF],
                    ][
                        Int.random(in: 0...3, using: &rng)]
                    for (k, b) in value.enumerated() where at + k < bytes.count { bytes[at + k] = b }
                default: bytes.replaceSubrange(at..<min(bytes.count, at + 16), with: repeatElement(0, count: 16))
                }
            }
            let first = format.defect(bytes)
            #expect(first == format.defect(bytes), "the walk is deterministic")
            if let first {
                #expect(first.reason.hasPrefix("truncated: ") || first.reason.hasPrefix("corrupt: "), "\(first.reason)")
                #expect(first.offset >= 0 && first.offset <= bytes.count)
            }
        }
    }

    @Test(
        "truncation at many cut points is a defect",
        arguments: [WalkedFormat.png, .jpeg, .gif, .mp4].flatMap { format in format.fixtures.map { (format, $0) } })
    func truncation(_ format: WalkedFormat, _ name: String) throws {
        let bytes = try MediaFixture.bytes(name)
        var cuts = Set((0..<16).map { bytes.count * $0 / 16 })
        for k in 0...64 where k < bytes.count {
            cuts.insert(k)
            cuts.insert(bytes.count - 1 - k)
        }
        for cut in cuts.sorted() {
            let prefix = Array(bytes[..<cut])
            let defect = format.defect(prefix)
            if format == .mp4, let reason = defect?.reason, reason.hasPrefix("corrupt: no 'm") {
                continue  // cut exactly between top-level boxes: the moov or mdat box is missing
            }
            if format == .jpeg && cut == 0 {
                expectStructuralDefect(defect, "corrupt: no JPEG SOI", size: cut)
                continue
            }
            expectStructuralDefect(defect, "truncated:", size: cut, "\(name) cut to \(cut) of \(bytes.count) bytes")
        }
    }

    @Test("signature-only files that libmagic accepts are defects")
    func signatureOnly() throws {
        let png = try MediaFixture.bytes("still.png")
        expectStructuralDefect(WalkedFormat.png.defect(Array(png[..<40])), "truncated:", size: 40)
        let jpeg = try MediaFixture.bytes("baseline.jpg")
        expectStructuralDefect(WalkedFormat.jpeg.defect(Array(jpeg[..<4])), "truncated:", size: 4)
        let ftypZeros = [0, 0, 0, 0x18] + Array("ftypisom".utf8) + [UInt8](repeating: 0, count: 200)
        expectStructuralDefect(WalkedFormat.mp4.defect(ftypZeros), "corrupt: no 'moov'", size: ftypZeros.count)
        let bareFtyp = Array("ftypisom".utf8) + [UInt8](repeating: 0, count: 200)
        expectStructuralDefect(WalkedFormat.mp4.defect(bareFtyp), "corrupt: the first box", size: bareFtyp.count)
        var rng = WalkerFuzzRNG(seed: 42)
        for _ in 0..<20 {
            let gif = Array("GIF89a".utf8) + rng.bytes(500)
            expectStructuralDefect(WalkedFormat.gif.defect(gif), "", size: gif.count)
            let mp3 = [0xFF, 0xFB, 0x90, 0x00] + rng.bytes(2000)
            expectStructuralDefect(WalkedFormat.mp3.defect(mp3), "corrupt: no MPEG audio frames", size: mp3.count)
            let shortMP3 = [0xFF, 0xFB, 0x90, 0x00] + rng.bytes(100)
            expectStructuralDefect(WalkedFormat.mp3.defect(shortMP3), "truncated:", size: shortMP3.count)
        }
    }

    @Test("bytes after the end marker are accepted and counted", arguments: [WalkedFormat.png, .jpeg, .gif])
    func trailingBytes(_ format: WalkedFormat) throws {
        for name in format.fixtures {
            let bytes = try MediaFixture.bytes(name)
            var expected = try format.check(bytes)
            #expect(expected.trailingBytes == nil)
            expected.trailingBytes = 16
            #expect(try format.check(bytes + Array("trailing junk".utf8) + [0xFF, 0, 0xFF]) == expected)
        }
    }
}
