import Foundation
import MMSKitTestSupport
import Testing

/// `mmskit fit` and `mmskit build --fit`, end to end with the built binary and the real converters.
@Suite(
    .enabled(if: MediaFixtures.toolsAvailable, "needs ffmpeg and libvips (scripts/ensure-deps.sh test)"), .serialized)
struct FitCommandTests {
    /// A campaign of a HEIC photo, a WAV jingle and a text, in `temporary/campaign` (made on a thread of its own,
    /// so that the converters it runs hold none of the threads the tests' tasks share).
    func campaign(in temporary: TemporaryDirectory) async throws -> String {
        try await MediaFixtures.detached { try Self.makeCampaign(in: temporary) }
    }

    static func makeCampaign(in temporary: TemporaryDirectory) throws -> String {
        let directory = temporary.appending("campaign")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try MediaFixtures.photo(temporary.appending("photo.png"), width: 1600, height: 1200)
        try MediaFixtures.vipsCopy(temporary.appending("photo.png"), "\(directory)/01-hero.heic")
        try MediaFixtures.audio("\(directory)/02-jingle.wav", seconds: 3)
        try Data("星河咖啡秋季新品上市，到店出示本彩信立减5元。回T退订\n".utf8).write(
            to: URL(fileURLWithPath: "\(directory)/01-intro.txt"))
        try Data("title: 秋季新品\nsign_name: 【星河咖啡】\npurpose: 会员新品推荐\n".utf8).write(
            to: URL(fileURLWithPath: "\(directory)/mms.yaml"))
        return directory
    }

    @Test func fitsADirectoryThatBuildAndLintAccept() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await campaign(in: temporary)
            let output = temporary.appending("fitted")
            let result = try await CLIRunner.runDetached(["fit", directory, "-o", output, "--profile", "conservative"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdoutText.contains("01-hero.heic → 01-hero.jpg"))
            #expect(result.stdoutText.contains("02-jingle.wav → 02-jingle.mp3"))
            #expect(result.stdoutText.contains("of 307,200 bytes"))
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: output).sorted() == [
                    "01-hero.jpg", "01-intro.txt", "02-jingle.mp3", "mms.yaml",
                ])
            let build = try CLIRunner.run(["build", output, "--as", "template"])
            #expect(build.status == 0, "\(build.stderr)")
            let lint = try CLIRunner.run(["lint", output, "--profile", "conservative"])
            #expect(lint.status == 0, "\(lint.stdoutText) \(lint.stderr)")
        }
    }

    @Test func theRawSampleFitsTheConservativeProfile() async throws {
        try await TemporaryDirectory.with { temporary in
            let output = temporary.appending("fitted")
            let result = try await CLIRunner.runDetached([
                "fit", PackagePaths.sample("raw"), "-o", output, "--profile", "conservative",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            // Before: lint refuses it; after: 0 errors under the same profile.
            let before = try CLIRunner.run(["lint", PackagePaths.sample("raw"), "--profile", "conservative"])
            #expect(before.status == 1)
            let after = try CLIRunner.run(["lint", output, "--profile", "conservative"])
            #expect(after.status == 0, "\(after.stdoutText)")
            #expect(result.stdoutText.contains("02-banner.jpg "))
            #expect(result.stdoutText.contains("image/webp"))
            #expect(result.stdoutText.contains("03-logo.png "))
        }
    }

    @Test func jsonReportsEveryItemAndTheTotals() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await campaign(in: temporary)
            let result = try await CLIRunner.runDetached([
                "fit", directory, "-o", temporary.appending("fitted"), "--budget", "200K", "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(report["budget_bytes"] as? Int == 204_800)
            let total = try #require(report["total_bytes"] as? Int)
            #expect(total <= 204_800)
            let items = try #require(report["items"] as? [[String: Any]])
            #expect(items.count == 3)
            let hero = try #require(items.first { $0["source"] as? String == "01-hero.heic" })
            #expect((hero["input"] as? [String: Any])?["libmagic"] as? String == "image/heic")
            #expect((hero["result"] as? [String: Any])?["format"] as? String == "jpeg")
            #expect((hero["ssim"] as? Double).map { $0 > 0.8 } == true)
            #expect(items.map { $0["action"] as? String } == ["converted", "text", "converted"])
        }
    }

    @Test func buildWithFitBuildsTheFittedMedia() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await campaign(in: temporary)
            let result = try await CLIRunner.runDetached(["build", directory, "--fit", "--profile", "conservative"])
            #expect(result.status == 0, "\(result.stderr)")
            let frames = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [[[String: Any]]])
            #expect(frames.flatMap { $0 }.compactMap { $0["ext_type"] as? String } == ["jpg", "txt", "mp3"])
            #expect(result.stderr.contains("01-hero.heic → 01-hero.jpg"))
            // The temporary fitted copy is gone; the original directory is as it was.
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == [
                    "01-hero.heic", "01-intro.txt", "02-jingle.wav", "mms.yaml",
                ])
        }
    }

    @Test func aMissingConverterExitsTwoNamingThePackage() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await campaign(in: temporary)
            let output = temporary.appending("fitted")
            let empty = temporary.appending("empty-path")
            try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
            let result = try await CLIRunner.runDetached(
                ["fit", directory, "-o", output], environment: ["PATH": empty])
            #expect(result.status == 2)
            #expect(result.stderr.contains("ffmpeg is not installed"))
            #expect(result.stderr.contains("apt-get install ffmpeg"))
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    @Test func anImpossibleBudgetExitsOneAndWritesNothing() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = temporary.appending("campaign")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try await MediaFixtures.detached {
                try MediaFixtures.video(
                    "\(directory)/01-clip.mov", width: 320, height: 240, seconds: 30,
                    codec: ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
            }
            let output = temporary.appending("fitted")
            let result = try await CLIRunner.runDetached(["fit", directory, "-o", output, "--budget", "40K", "--json"])
            #expect(result.status == 1)
            #expect(result.stderr.contains("01-clip.mov alone is at least"))
            #expect(result.stderr.contains("shorten it to about"))
            let error = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect((error["error"] as? [String: Any])?["status"] as? Int == 1)
            #expect(!FileManager.default.fileExists(atPath: output))
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).sorted() == ["campaign"])
        }
    }

    @Test func anUndecodableFileExitsOneNamingItAndWhatLibmagicSays() throws {
        try TemporaryDirectory.with { temporary in
            let directory = temporary.appending("campaign")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer\n".utf8).write(
                to: URL(fileURLWithPath: "\(directory)/01-flyer.jpg"))
            let result = try CLIRunner.run(["fit", directory, "-o", temporary.appending("fitted")])
            #expect(result.status == 1)
            #expect(result.stderr.contains("01-flyer.jpg cannot be decoded (libmagic says it is application/pdf)"))
            #expect(!FileManager.default.fileExists(atPath: temporary.appending("fitted")))
        }
    }

    @Test func anOutputThatExistsAndIsNotEmptyIsRefused() async throws {
        try await TemporaryDirectory.with { temporary in
            let directory = try await campaign(in: temporary)
            let result = try await CLIRunner.runDetached(["fit", directory, "-o", directory])
            #expect(result.status == 2)
            #expect(result.stderr.contains("not empty") || result.stderr.contains("inside it"))
        }
    }
}
