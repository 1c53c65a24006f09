import Foundation
import MMSKit
import MMSKitFit
import MMSKitTestSupport
import Testing

/// Each conversion path: a file in a format MMS does not take (or over the budget) comes out in the MMS format
/// fitting chooses for it, and the fitted directory builds.
@Suite(
    .enabled(if: MediaFixtures.toolsAvailable, "needs ffmpeg and libvips (scripts/ensure-deps.sh test)"), .serialized)
struct ConversionTests {
    enum Source: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case heic, avif, webp, bmp, tiff, psd, svg, pngOverBudget
        case gifOverBudget, apng, animatedWebP
        case wav, flac, opus, m4a, amr, mp3OverBudget
        case mov, webm, mkv, threeGP, avi, hevcMP4

        var testDescription: String { rawValue }

        /// The fitted item's format, and the budget that forces it (nil: the ihuyi profile's).
        var expected: (format: MediaFormat, budget: Int?) {
            switch self {
            case .heic, .avif, .webp, .bmp, .tiff, .psd: (.jpeg, nil)
            case .pngOverBudget: (.jpeg, 60_000)
            case .svg: (.png, nil)
            case .gifOverBudget: (.gif, 150_000)
            case .apng, .animatedWebP: (.gif, nil)
            case .wav, .flac, .opus, .m4a, .amr: (.mp3, nil)
            case .mp3OverBudget: (.mp3, 40_000)
            case .mov, .webm, .mkv, .threeGP, .avi, .hevcMP4: (.mp4, nil)
            }
        }

        /// Makes the source in `directory`; returns its file name.
        func make(in directory: String) throws -> String {
            let photo = "\(directory)/../photo.png"
            func still(_ name: String) throws -> String {
                try MediaFixtures.photo(photo, width: 900, height: 600)
                try MediaFixtures.vipsCopy(photo, "\(directory)/\(name)")
                return name
            }
            let x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"]
            switch self {
            case .heic: return try still("01-photo.heic")
            case .avif: return try still("01-photo.avif")
            case .webp: return try still("01-photo.webp")
            case .tiff: return try still("01-photo.tif")
            case .bmp:
                try MediaFixtures.photo(photo, width: 900, height: 600)
                try MediaFixtures.ffmpeg(["-i", photo, "\(directory)/01-photo.bmp"])
                return "01-photo.bmp"
            case .psd:
                try MediaFixtures.photo(photo, width: 900, height: 600)
                try MediaFixtures.run("vips", ["magicksave", photo, "\(directory)/01-photo.psd", "--format", "PSD"])
                return "01-photo.psd"
            case .svg:
                let svg = """
                    <svg xmlns="http://www.w3.org/2000/svg" width="800" height="400">\
                    <rect width="800" height="400" fill="#3366ff"/><circle cx="400" cy="200" r="150" fill="#ffcc00"/>\
                    </svg>
                    """
                try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(directory)/01-banner.svg"))
                return "01-banner.svg"
            case .pngOverBudget:
                try MediaFixtures.photo("\(directory)/01-photo.png", width: 900, height: 600)
                return "01-photo.png"
            case .gifOverBudget:
                try MediaFixtures.animatedGIF("\(directory)/01-banner.gif", width: 480, height: 360, frames: 40)
                return "01-banner.gif"
            case .apng:
                try MediaFixtures.ffmpeg([
                    "-f", "lavfi", "-i", "testsrc2=size=240x160:rate=10", "-frames:v", "20", "-plays", "0", "-f",
                    "apng",
                    "\(directory)/01-banner.png",
                ])
                return "01-banner.png"
            case .animatedWebP:
                let gif = "\(directory)/../banner.gif"
                try MediaFixtures.animatedGIF(gif, width: 240, height: 160, frames: 20)
                try MediaFixtures.run("vips", ["copy", "\(gif)[n=-1]", "\(directory)/01-banner.webp"])
                return "01-banner.webp"
            case .wav:
                try MediaFixtures.audio("\(directory)/01-jingle.wav", seconds: 4)
                return "01-jingle.wav"
            case .flac:
                try MediaFixtures.audio("\(directory)/01-jingle.flac", seconds: 4)
                return "01-jingle.flac"
            case .opus:
                try MediaFixtures.audio("\(directory)/01-jingle.ogg", seconds: 4, codec: ["-c:a", "libopus"])
                return "01-jingle.ogg"
            case .m4a:
                try MediaFixtures.audio("\(directory)/01-jingle.m4a", seconds: 4, codec: ["-c:a", "aac"])
                return "01-jingle.m4a"
            case .amr:
                try MediaFixtures.amr("\(directory)/01-voice.amr")
                return "01-voice.amr"
            case .mp3OverBudget:
                try MediaFixtures.audio(
                    "\(directory)/01-jingle.mp3", seconds: 6, codec: ["-c:a", "libmp3lame", "-b:a", "128k"])
                return "01-jingle.mp3"
            case .mov:
                try MediaFixtures.video("\(directory)/01-clip.mov", codec: x264)
                return "01-clip.mov"
            case .webm:
                try MediaFixtures.video(
                    "\(directory)/01-clip.webm",
                    codec: ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus"])
                return "01-clip.webm"
            case .mkv:
                try MediaFixtures.video("\(directory)/01-clip.mkv", codec: x264)
                return "01-clip.mkv"
            case .threeGP:
                try MediaFixtures.video(
                    "\(directory)/01-clip.3gp", width: 352, height: 288,
                    codec: ["-c:v", "mpeg4", "-c:a", "aac", "-ac", "1"])
                return "01-clip.3gp"
            case .avi:
                try MediaFixtures.video("\(directory)/01-clip.avi", codec: ["-c:v", "mpeg4", "-c:a", "libmp3lame"])
                return "01-clip.avi"
            case .hevcMP4:
                try MediaFixtures.video(
                    "\(directory)/01-clip.mp4", codec: ["-c:v", "libx265", "-preset", "ultrafast", "-c:a", "aac"])
                return "01-clip.mp4"
            }
        }
    }

    @Test(arguments: Source.allCases)
    func convertsToAnMMSFormat(_ source: Source) async throws {
        try await TemporaryDirectory.with { temporary in
            let (directory, name) = try await contentDirectory(in: temporary) { directory in
                try Data("春季新品，回T退订\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/01-intro.txt"))
                return try source.make(in: directory)
            }
            let output = temporary.appending("fitted")
            let report = try await fit(directory, into: output, budget: source.expected.budget)
            let item = try #require(report.items.first { $0.source == name })
            #expect(item.action == .converted)
            #expect(item.result.format == source.expected.format.rawValue)
            #expect(item.output.hasSuffix(".\(source.expected.format.preferredExtension.rawValue)"))
            #expect(report.totalBytes <= report.budgetBytes)
            // What was written builds, and libmagic agrees with the name.
            let analysis = try ContentBuilder(sniffer: try MediaSniffer()).build(directory: output)
            #expect(!analysis.diagnostics.containsErrors)
            #expect(analysis.items.contains { $0.source == item.output })
            let written = "\(output)/\(item.output)"
            switch source.expected.format {
            case .jpeg, .png:
                #expect(item.ssim.map { $0 > 0.8 } == true, "SSIM \(item.ssim ?? -1)")
                #expect(try MediaFixtures.header(written)["exif-data"] == nil, "metadata is stripped")
            case .gif:
                let pages = try MediaFixtures.header(written)["n-pages"].flatMap(Int.init) ?? 1
                #expect(pages > 1, "the animation is kept")
            case .mp3:
                #expect(try MediaFixtures.codecs(written) == ["mp3"])
            case .mp4:
                #expect(try MediaFixtures.codecs(written) == ["h264", "aac"])
                #expect(item.ssim.map { $0 > 0.8 } == true)
                let duration = try #require(item.input?.durationSeconds)
                let probed = try MediaFixtures.run(
                    "ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", written])
                #expect(abs((Double(probed.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) - duration) < 0.2)
            }
            // The original is untouched.
            #expect(FileManager.default.fileExists(atPath: "\(directory)/\(name)"))
        }
    }
}
