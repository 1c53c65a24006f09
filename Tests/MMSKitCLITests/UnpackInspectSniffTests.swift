import Foundation
import MMSKitTestSupport
import Testing

@Suite struct UnpackInspectSniffTests {
    @Test func buildUnpackBuildIsByteIdentical() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let first = try CLIRunner.run([
            "build", PackagePaths.sample("promo"), "--as", "template", "-o", "\(directory)/a.json",
        ])
        #expect(first.status == 0)
        let unpack = try CLIRunner.run(["unpack", "\(directory)/a.json", "-o", "\(directory)/unpacked"])
        #expect(unpack.status == 0, "\(unpack.stderr)")
        #expect(unpack.stderr.contains("unpacked 5 frames"))
        let second = try CLIRunner.run([
            "build", "\(directory)/unpacked", "--as", "template", "-o", "\(directory)/b.json",
        ])
        #expect(second.status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/a.json"))
        let b = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/b.json"))
        #expect(a == b)
        #expect(a.count > 40_000)
    }

    @Test func unpackRejectsBrokenJSONWithALocation() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try Data("[[{\"con_type\":\"text\",\"ext_type\":\"txt\",\"data\":\"a\"}],\n  [}]".utf8).write(
            to: URL(fileURLWithPath: "\(directory)/bad.json"))
        let result = try CLIRunner.run(["unpack", "\(directory)/bad.json", "-o", "\(directory)/out"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.json:2:4: error: invalid JSON"))
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["bad.json"])
    }

    @Test func inspectShowsATableWithTotals() throws {
        let result = try CLIRunner.run(["inspect", PackagePaths.sample("promo")])
        #expect(result.status == 0)
        let text = result.stdoutText
        #expect(text.contains("FRAME"))
        #expect(text.contains("320×180"))
        #expect(text.contains("05-store.mp4"))
        #expect(text.contains("5 frames, 10 items"))
        #expect(text.contains("largest item: 05-store.mp4"))
    }

    @Test func inspectJSONOfABuiltFileMatchesTheDirectory() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        _ = try CLIRunner.run(["build", PackagePaths.sample("promo"), "-o", "\(directory)/c.json"])
        let fromJSON = try CLIRunner.run(["inspect", "\(directory)/c.json", "--json"])
        let fromDirectory = try CLIRunner.run(["inspect", PackagePaths.sample("promo"), "--json"])
        #expect(fromJSON.status == 0)
        struct Report: Decodable {
            struct Totals: Decodable, Equatable { var frames, items, rawBytes, wireBytes, contentJSONBytes: Int }
            var totals: Totals
        }
        let a = try JSONDecoder().decode(Report.self, from: fromJSON.stdout)
        let b = try JSONDecoder().decode(Report.self, from: fromDirectory.stdout)
        #expect(a.totals == b.totals)
        #expect(a.totals.contentJSONBytes == (try Data(contentsOf: URL(fileURLWithPath: "\(directory)/c.json"))).count)
    }

    @Test func sniffReportsEachFileAndExitsOneOnRejects() throws {
        let good = try CLIRunner.run([
            "sniff", PackagePaths.sample("promo/01-cover.jpg"), PackagePaths.sample("promo/05-store.mp4"),
        ])
        #expect(good.status == 0)
        #expect(good.stdoutText.contains("01-cover.jpg: image/jpeg jpg 320×240"))
        #expect(good.stdoutText.contains("05-store.mp4: video/mp4 mp4 320×180"))
        let bad = try CLIRunner.run([
            "sniff", PackagePaths.sample("bad/webp/01-photo.jpg"), PackagePaths.sample("promo/02-menu.png"),
        ])
        #expect(bad.status == 1)
        #expect(bad.stdoutText.contains("01-photo.jpg: rejected: is a WebP image"))
        #expect(bad.stdoutText.contains("02-menu.png: image/png"))
        let missing = try CLIRunner.run(["sniff", "/nonexistent.jpg"])
        #expect(missing.status == 2)
        #expect(missing.stdoutText.contains("cannot read"))
    }
}

/// Every content command with `--json` that fails (exit 1 or 2) prints the README's object on stdout,
/// `{"error": {"status": …, "message": "…", "diagnostics": […]}}`, never a result array.
@Suite struct JSONFailureTests {
    struct Failure: Decodable {
        struct Body: Decodable {
            struct Item: Decodable {
                struct Location: Decodable { var file: String? }
                var message: String
                var location: Location?
            }
            var status: Int32
            var message: String
            var diagnostics: [Item]
        }
        var error: Body
    }

    @Test(arguments: [
        (["sniff", "samples/bad/webp/01-photo.jpg", "samples/promo/02-menu.png", "--json"], Int32(1), "01-photo.jpg"),
        (["sniff", "samples/promo/01-cover.jpg", "/nonexistent.jpg", "--json"], 2, "/nonexistent.jpg"),
        (["sniff", "samples/promo/01-cover.jpg", "--json", "--magic", "/nonexistent.mgc"], 2, nil),
        (["inspect", "samples/bad/webp", "--json"], 1, "01-photo.jpg"),
        (["inspect", "/nonexistent", "--json"], 2, nil),
    ])
    func aFailureIsTheErrorObject(arguments: [String], status: Int32, file: String?) throws {
        let result = try CLIRunner.run(arguments, directory: PackagePaths.root.path)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        let failure = try JSONDecoder().decode(Failure.self, from: result.stdout)
        #expect(failure.error.status == status)
        #expect(!failure.error.message.isEmpty)
        #expect(!result.stderr.isEmpty)
        if let file {
            #expect(
                failure.error.diagnostics.contains { $0.location?.file?.hasSuffix(file) == true },
                "\(result.stdoutText)")
        }
    }
}

@Suite struct SniffDirectoryTests {
    @Test func directoriesYieldTheirMediaOnly() throws {
        let result = try CLIRunner.run(["sniff", PackagePaths.sample("promo")])
        #expect(result.status == 0, "\(result.stdoutText)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(!result.stdoutText.contains(".txt"))
        #expect(lines.first?.contains("01-cover.jpg: image/jpeg") == true)
    }
}
