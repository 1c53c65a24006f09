import Foundation
import MMSKit
import MMSKitFit
import MMSKitTestSupport
import Testing

@Suite(
    .enabled(if: MediaFixtures.toolsAvailable, "needs ffmpeg and libvips (scripts/ensure-deps.sh test)"), .serialized)
struct FitBehaviourTests {
    @Test func transparencyIsKept() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                // A WebP with a transparent half must not become a JPEG (no alpha) on a white or black background.
                try MediaFixtures.transparentPNG("\(directory)/../logo.png")
                try MediaFixtures.vipsCopy("\(directory)/../logo.png", "\(directory)/01-logo.webp")
            }
            let report = try await fit(directory, into: temporary.appending("out"))
            let item = try #require(report.items.first)
            #expect(item.result.format == "png")
            let header = try MediaFixtures.header(temporary.appending("out/\(item.output)"))
            #expect(header["bands"] == "4" || header["bands"] == "2")
        }
    }

    @Test func exifOrientationIsApplied() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                // Stored 1200×800, displayed (Orientation 6) as 800×1200; a TIFF so that it must be converted.
                try MediaFixtures.rotatedJPEG("\(directory)/../rotated.jpg", width: 1200, height: 800)
                try MediaFixtures.run("vips", ["copy", "\(directory)/../rotated.jpg", "\(directory)/01-photo.tif"])
            }
            let tiff = try MediaFixtures.header("\(directory)/01-photo.tif")
            try #require(tiff["orientation"] == "6", "the fixture carries its orientation: \(tiff)")
            let report = try await fit(directory, into: temporary.appending("out"))
            let item = try #require(report.items.first)
            #expect(item.input?.width == 800)
            #expect(item.input?.height == 1200)
            let header = try MediaFixtures.header(temporary.appending("out/\(item.output)"))
            #expect(header["width"] == "800")
            #expect(header["height"] == "1200")
            #expect(header["orientation"] == nil, "the rotation is applied, not left to the handset")
        }
    }

    @Test func mediaThatFitsIsCopiedByteForByte() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try MediaFixtures.photo("\(directory)/../photo.png", width: 640, height: 480)
                try MediaFixtures.run(
                    "vips", ["copy", "\(directory)/../photo.png", "\(directory)/01-photo.jpg[Q=85,strip]"])
                try MediaFixtures.audio(
                    "\(directory)/02-jingle.mp3", seconds: 2, codec: ["-c:a", "libmp3lame", "-b:a", "64k"])
                try MediaFixtures.video(
                    "\(directory)/03-clip.mp4", width: 320, height: 240, seconds: 1,
                    codec: ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"])
                // A WebP among them is converted; the others stay as they are.
                try MediaFixtures.vipsCopy("\(directory)/../photo.png", "\(directory)/04-more.webp")
                try Data("春季新品\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/01-intro.txt"))
            }
            let output = temporary.appending("out")
            let report = try await fit(directory, into: output)
            let original = try contents(of: directory)
            let fitted = try contents(of: output)
            for name in ["01-photo.jpg", "02-jingle.mp3", "03-clip.mp4", "01-intro.txt"] {
                #expect(fitted[name] == original[name], "\(name) is copied as it is")
            }
            #expect(
                report.items.filter { $0.action == .copied }.map(\.source).sorted() == [
                    "01-photo.jpg", "02-jingle.mp3", "03-clip.mp4",
                ])
            #expect(fitted["04-more.jpg"] != nil)
            #expect(fitted["04-more.webp"] == nil)
        }
    }

    @Test func aCampaignManyTimesTheBudgetIsFittedTheSameWayTwice() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                let photo = "\(directory)/../photo.png"
                try MediaFixtures.photo(photo, width: 2400, height: 1600)
                try MediaFixtures.vipsCopy(photo, "\(directory)/01-hero.heic")
                try MediaFixtures.vipsCopy(photo, "\(directory)/02-detail.png")
                try MediaFixtures.animatedGIF("\(directory)/03-banner.gif", width: 400, height: 300, frames: 30)
                try MediaFixtures.audio("\(directory)/04-jingle.wav", seconds: 8)
                try MediaFixtures.video(
                    "\(directory)/05-clip.mov", width: 1280, height: 720, seconds: 4,
                    codec: ["-c:v", "libx264", "-preset", "ultrafast", "-qp", "10", "-c:a", "aac"])
                try Data("春季新品上市，到店出示本彩信立减5元。回T退订\n".utf8).write(
                    to: URL(fileURLWithPath: "\(directory)/05-offer.txt"))
            }
            let original = try contents(of: directory).values.reduce(0) { $0 + $1.count }
            let budget = 300 * 1024
            try #require(original > 10 * budget, "the campaign starts at \(original) bytes")
            let first = try await fit(directory, into: temporary.appending("first"), profile: .conservative)
            #expect(first.budgetBytes == budget)
            #expect(first.totalBytes <= budget)
            #expect(first.totalBytes > budget * 8 / 10, "the budget is used, not squandered: \(first.totalBytes)")
            let second = try await fit(directory, into: temporary.appending("second"), profile: .conservative)
            #expect(try contents(of: temporary.appending("first")) == contents(of: temporary.appending("second")))
            #expect(first.items.map(\.ssim) == second.items.map(\.ssim))
            // Every picture keeps a usable quality: the budget is shared, not taken by the first item.
            for item in first.items where item.ssim != nil {
                #expect(item.ssim! > 0.75, "\(item.source): SSIM \(item.ssim!)")
            }
            let analysis = try ContentBuilder(sniffer: try MediaSniffer()).build(
                directory: temporary.appending("first"))
            #expect(analysis.items.count == 6)
        }
    }

    @Test func anAnimationBecomesAClipOnlyWhenNoGIFFits() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                // A zoom into the Mandelbrot set: every frame different and full of detail, a large GIF.
                try MediaFixtures.ffmpeg([
                    "-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=10", "-frames:v", "40", "-loop", "0",
                    "\(directory)/01-banner.gif",
                ])
            }
            // A budget some GIF meets stays a GIF…
            let roomy = try await fit(directory, into: temporary.appending("gif"), budget: 400_000)
            #expect(roomy.items.first?.result.format == "gif")
            // …one no GIF meets becomes a clip, the animation kept, rather than failing.
            let tight = try await fit(directory, into: temporary.appending("mp4"), budget: 40_000)
            let item = try #require(tight.items.first)
            #expect(item.result.format == "mp4")
            #expect(item.output == "01-banner.mp4")
            #expect(tight.totalBytes <= 40_000)
            #expect(try MediaFixtures.codecs(temporary.appending("mp4/01-banner.mp4")) == ["h264"])
            // Not where the profile takes no MP4.
            var stillsOnly = ProviderProfile.ihuyi
            stillsOnly.allowedFormats = [.jpeg, .png, .gif]
            await #expect(throws: FitError.self) {
                try await fit(directory, into: temporary.appending("none"), profile: stillsOnly, budget: 40_000)
            }
        }
    }

    @Test func anUndecodableFileIsNamedAndNothingIsWritten() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer\n".utf8).write(
                    to: URL(fileURLWithPath: "\(directory)/01-flyer.jpg"))
            }
            let output = temporary.appending("out")
            await #expect {
                try await fit(directory, into: output)
            } throws: { error in
                guard let error = error as? FitError, case .undecodable(let file, let libmagic) = error else {
                    return false
                }
                return file.hasSuffix("01-flyer.jpg") && libmagic == "application/pdf" && error.isContentError
            }
            #expect(!FileManager.default.fileExists(atPath: output))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["campaign"])
        }
    }

    @Test func anImpossibleBudgetNamesTheItemAndWritesNothing() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try MediaFixtures.video(
                    "\(directory)/01-clip.mov", width: 320, height: 240, seconds: 20,
                    codec: ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
            }
            let output = temporary.appending("out")
            await #expect {
                try await fit(directory, into: output, budget: 30_000)
            } throws: { error in
                guard let error = error as? FitError, case .budgetUnreachable(let shortfall) = error else {
                    return false
                }
                let text = error.description
                return shortfall.items.first?.file.hasSuffix("01-clip.mov") == true
                    && shortfall.smallestTotal > 30_000 && text.contains("shorten it") && text.contains("--budget")
            }
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func aClipLongerThanTheProfileAllowsIsRefusedNotCut() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try MediaFixtures.audio("\(directory)/01-jingle.wav", seconds: 4)
            }
            var profile = ProviderProfile.ihuyi
            profile.maxDurationSeconds = 2
            await #expect {
                try await fit(directory, into: temporary.appending("out"), profile: profile)
            } throws: { error in
                guard let error = error as? FitError, case .tooLong(let file, let seconds, 2, "ihuyi") = error else {
                    return false
                }
                return file.hasSuffix("01-jingle.wav") && abs(seconds - 4) < 0.1
                    && error.description.contains("trim the clip to 2 s or less")
            }
            #expect(!FileManager.default.fileExists(atPath: temporary.appending("out")))
        }
    }

    @Test func aMissingConverterNamesItsPackage() {
        #expect {
            try MediaToolbox.locate(searchPath: "/nonexistent")
        } throws: { error in
            guard let error = error as? FitError, case .converterMissing(.ffmpeg) = error else { return false }
            return !error.isContentError && error.description.contains("apt-get install ffmpeg")
        }
    }

    @Test func renamedFilesAreRenamedInTheManifestsFrames() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try MediaFixtures.photo("\(directory)/../photo.png", width: 640, height: 480)
                try MediaFixtures.vipsCopy("\(directory)/../photo.png", "\(directory)/hero.webp")
                try Data("opening\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/intro.txt"))
                let manifest = """
                    title: 春季新品   # the title
                    sign_name: 【星河咖啡】
                    frames:
                      - [intro.txt, hero.webp]
                      - [{text: "到店出示本彩信立减5元 hero.webp"}]
                    """
                try Data(manifest.utf8).write(to: URL(fileURLWithPath: "\(directory)/mms.yaml"))
            }
            let output = temporary.appending("out")
            _ = try await fit(directory, into: output)
            let manifest = try String(contentsOfFile: "\(output)/mms.yaml", encoding: .utf8)
            #expect(manifest.contains("- [intro.txt, hero.jpg]"))
            #expect(manifest.contains("# the title"), "comments are kept")
            #expect(manifest.contains("立减5元 hero.webp\"}"), "a text that mentions the name is not touched")
            let analysis = try ContentBuilder(sniffer: try MediaSniffer()).build(directory: output)
            #expect(analysis.items.map(\.source) == ["intro.txt", "hero.jpg", "mms.yaml"])
        }
    }

    @Test func theOutputMayNotBeInsideTheInput() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await contentDirectory(in: temporary) { directory in
                try Data("hello\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/01-intro.txt"))
            }
            for output in [directory, "\(directory)/fitted", "\(directory)/./"] {
                await #expect(throws: FitError.self) { try await fit(directory, into: output) }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["01-intro.txt"])
        }
    }
}
