import Foundation
import Testing

@testable import MMSKit

@Suite struct MediaSnifferTests {
    @Test(arguments: [
        ("promo/01-cover.jpg", MediaFormat.jpeg),
        ("promo/02-menu.png", .png),
        ("promo/03-steam.gif", .gif),
        ("promo/04-jingle.mp3", .mp3),
        ("promo/05-store.mp4", .mp4),
        ("tricky/apng/01-anim.png", .png),
        ("tricky/moov-at-end-mp4/01-clip.mp4", .mp4),
        ("tricky/id3-cover-mp3/01-song.mp3", .mp3),
    ])
    func acceptsRealMedia(path: String, format: MediaFormat) throws {
        let media = try Fixtures.sniffer.sniff(try Fixtures.data(path))
        #expect(media.format == format)
        #expect(media.mimeType == format.mimeType)
    }

    @Test func describesWhatWasLearned() throws {
        let mp4 = try Fixtures.sniffer.sniff(try Fixtures.mp4)
        #expect(mp4.details.width == 320)
        #expect(mp4.details.height == 180)
        #expect(mp4.details.hasVideoTrack == true)
        #expect(abs((mp4.details.durationSeconds ?? 0) - 2.5) < 0.2)
        let gif = try Fixtures.sniffer.sniff(try Fixtures.gif)
        #expect((gif.details.frameCount ?? 0) > 1)
        let mp3 = try Fixtures.sniffer.sniff(try Fixtures.mp3)
        #expect(abs((mp3.details.durationSeconds ?? 0) - 3.1) < 0.2)
        let audioOnly = try Fixtures.sniffer.sniff(try Fixtures.data("tricky/audio-only-mp4/01-clip.mp4"))
        #expect(audioOnly.isAudioOnlyVideo)
    }

    @Test func skipsALargeID3TagBeforeClassifying() throws {
        let data = try Fixtures.data("tricky/id3-cover-mp3/01-song.mp3")
        let tag = data.withUnsafeBytes { ID3v2Tag.length(in: $0) }
        #expect(tag > 100_000)
        // Without the skip libmagic cannot see the audio: the reason the sniffer skips the tag itself.
        #expect(Fixtures.sniffer.mimeType(of: data.prefix(64 * 1024)) != "audio/mpeg")
        #expect(try Fixtures.sniffer.sniff(data).format == .mp3)
    }

    @Test(arguments: [
        ("bad/webp/01-photo.jpg", "a WebP image (image/webp)"),
        ("bad/m4a-audio/02-song.mp3", "an M4A (AAC) audio file (audio/x-m4a)"),
        ("bad/mov-video/02-clip.mp4", "a QuickTime (MOV) video (video/quicktime)"),
        ("promo/01-welcome.txt", "a plain text file (text/plain)"),
    ])
    func rejectsOtherFormatsByName(path: String, what: String) throws {
        let data = try Fixtures.data(path)
        do {
            _ = try Fixtures.sniffer.sniff(data)
            Issue.record("\(path) accepted")
        } catch {
            #expect(error.description.contains(what), "\(error)")
            #expect(error.description.contains("MMS accepts jpg, jpeg, png, gif, mp3, mp4"))
        }
    }

    @Test func rejectsDamagedFilesThatLibmagicAccepts() throws {
        let cases: [(Data, MediaFormat)] = [
            (try Fixtures.png.prefix(40), .png),
            (try Fixtures.jpeg.prefix(4), .jpeg),
            (Data("ftypisom".utf8).withSizePrefix() + Data(count: 64), .mp4),
            (Data("GIF89a".utf8) + Data((0..<64).map { UInt8(truncatingIfNeeded: $0 &* 37) }), .gif),
            (try Fixtures.data("bad/truncated-mp4/02-clip.mp4"), .mp4),
        ]
        for (data, format) in cases {
            do {
                _ = try Fixtures.sniffer.sniff(data)
                Issue.record("damaged \(format) accepted")
            } catch {
                guard case .damaged(let found, _) = error else {
                    Issue.record("expected a damaged \(format), got \(error)")
                    continue
                }
                #expect(found == format)
            }
        }
    }

    @Test func emptyAndTagOnlyInputAreRejected() {
        #expect(throws: MediaRejection.unsupported(mimeType: "application/x-empty")) {
            try Fixtures.sniffer.sniff(Data())
        }
        let tagOnly = Data([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0])
        #expect(throws: MediaRejection.self) { try Fixtures.sniffer.sniff(tagOnly) }
    }

    @Test func isSafeToUseFromManyTasksAtOnce() async throws {
        let sniffer = try MediaSniffer(concurrency: 2)
        let inputs = [
            try Fixtures.jpeg, try Fixtures.png, try Fixtures.gif, try Fixtures.mp3, try Fixtures.mp4,
            try Fixtures.data("bad/webp/01-photo.jpg"),
        ]
        let expected = inputs.map { sniffer.mimeType(of: $0) }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var wrong = 0
                    for round in 0..<200 {
                        let index = (task + round) % inputs.count
                        if sniffer.mimeType(of: inputs[index]) != expected[index] { wrong += 1 }
                        _ = try? sniffer.sniff(inputs[index])
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(expected == ["image/jpeg", "image/png", "image/gif", "audio/mpeg", "video/mp4", "image/webp"])
    }

    @Test func missingDatabaseIsAToolFailure() {
        #expect(throws: SnifferError.self) { try MediaSniffer(databasePath: "/nonexistent/magic.mgc") }
    }
}

extension Data {
    /// Prefixes a box payload with its 4-byte big-endian size (payload + 4).
    func withSizePrefix() -> Data {
        let size = UInt32(count + 4).bigEndian
        return Swift.withUnsafeBytes(of: size) { Data($0) } + self
    }
}
