import Foundation
import MMSKitTestSupport
import Testing

@Suite struct BuildCommandTests {
    @Test func buildsPromoToStdout() throws {
        let result = try CLIRunner.run(["build", PackagePaths.sample("promo")])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let frames = try JSONDecoder().decode([[WireItem]].self, from: result.stdout)
        #expect(frames.count == 5)
        let cover = try Data(contentsOf: URL(fileURLWithPath: PackagePaths.sample("promo/01-cover.jpg")))
        #expect(Data(base64Encoded: frames[0][0].data) == cover)
        #expect(!result.stdoutText.contains("\\/"))
    }

    @Test func buildsATemplateBodyToAFile() throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let output = "\(directory)/template.json"
        let result = try CLIRunner.run([
            "build", PackagePaths.sample("promo"), "--as", "template", "-o", output, "--title", "覆盖标题",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let body = try JSONDecoder().decode(WireTemplate.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(body.title == "覆盖标题")
        #expect(body.sign_name.hasPrefix("【"))
        #expect(body.content.count == 5)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["template.json"])
    }

    /// Build and lint hold a frame's text to one test (text-empty), whether it is an inline {text: ...} entry of
    /// mms.yaml or a .txt file: both refuse an empty or whitespace-only text and both accept any other.
    @Test(arguments: [
        (inline: true, text: "", blank: true), (inline: true, text: "   ", blank: true),
        (inline: true, text: "\\t\\n", blank: true), (inline: true, text: "\u{3000}", blank: true),
        (inline: true, text: " 新品上市 ", blank: false), (inline: false, text: "", blank: true),
        (inline: false, text: " \n", blank: true), (inline: false, text: "\t\r\n", blank: true),
        (inline: false, text: "新品上市\n", blank: false),
    ])
    func buildAndLintAgreeOnEmptyTexts(inline: Bool, text: String, blank: Bool) throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        try FileManager.default.copyItem(
            atPath: PackagePaths.sample("promo/01-cover.jpg"), toPath: "\(directory)/01-cover.jpg")
        if inline {
            try "frames:\n  - [01-cover.jpg, {text: \"\(text)\"}]\n".write(
                toFile: "\(directory)/mms.yaml", atomically: false, encoding: .utf8)
        } else {
            try text.write(toFile: "\(directory)/01-text.txt", atomically: false, encoding: .utf8)
        }
        let build = try CLIRunner.run(["build", directory])
        let lint = try CLIRunner.run(["lint", directory])
        #expect(build.status == (blank ? 1 : 0), "\(build.stderr)")
        #expect(build.stderr.contains("[text-empty]") == blank, "\(build.stderr)")
        #expect(lint.stdoutText.contains("[text-empty]") == blank, "\(lint.stdoutText)")
        if blank {
            #expect(lint.status == 1)
            let named = inline ? "mms.yaml: error: frame 1, entry 2: the {text: ...} entry" : "01-text.txt"
            #expect(build.stderr.contains(named), "\(build.stderr)")
        }
    }

    @Test func templateWithoutFieldsNamesWhatIsMissing() throws {
        let result = try CLIRunner.run(["build", PackagePaths.sample("tricky/manifest-frames"), "--as", "template"])
        // The manifest-frames sample has title/sign_name/purpose; drop them by pointing at a bare directory.
        #expect(result.status == 0)
        let temporaryBare = try TemporaryDirectory()
        let bare = temporaryBare.path
        try "你好".write(toFile: "\(bare)/01-a.txt", atomically: false, encoding: .utf8)
        let missing = try CLIRunner.run(["build", bare, "--as", "template", "--title", "t"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("a template needs sign_name"))
        #expect(missing.stderr.contains("--purpose"))
        #expect(missing.stdout.isEmpty)
    }

    @Test(arguments: [
        "png-named-jpg", "webp", "truncated-mp4", "two-media-one-frame", "invalid-utf8-text", "symlink-escape",
        "manifest-unknown-key", "unnumbered-file",
    ])
    func badContentExitsOneAndLeavesNoOutput(sample: String) throws {
        let temporary = try TemporaryDirectory()
        let directory = temporary.path
        let output = "\(directory)/out.json"
        try Data("previous".utf8).write(to: URL(fileURLWithPath: output))
        let result = try CLIRunner.run(["build", PackagePaths.sample("bad/\(sample)"), "-o", output])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error:"))
        #expect(result.stderr.contains("samples/bad/\(sample)/"))
        #expect(result.stderr.contains("1 error"))
        // The old file is untouched and no temporary file is left beside it.
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
    }

    @Test func webpMessageSaysWhatTheFileReallyIs() throws {
        let result = try CLIRunner.run(["build", PackagePaths.sample("bad/webp")])
        #expect(
            result.stderr.contains(
                "01-photo.jpg is a WebP image (image/webp); MMS accepts jpg, jpeg, png, gif, mp3, mp4"))
        #expect(result.stderr.contains("[media-format]"))
    }

    @Test func warningsDoNotFailTheBuild() throws {
        let result = try CLIRunner.run(["build", PackagePaths.sample("tricky/audio-only-mp4")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning:"))
        #expect(result.stderr.contains("[video-without-picture]"))
        #expect(!result.stdout.isEmpty)
    }

    @Test func toolFailuresExitTwo() throws {
        let missing = try CLIRunner.run(["build", "/nonexistent/dir"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file or directory"))
        let magic = try CLIRunner.run(["build", PackagePaths.sample("promo"), "--magic", "/nonexistent/magic.mgc"])
        #expect(magic.status == 2)
        #expect(magic.stderr.contains("libmagic could not load its database"))
        let unwritable = try CLIRunner.run(["build", PackagePaths.sample("promo"), "-o", "/nonexistent/dir/out.json"])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write"))
    }

    @Test func usageErrorsExitSixtyFour() throws {
        #expect(try CLIRunner.run(["build"]).status == 64)
        #expect(try CLIRunner.run(["build", "x", "--as", "letter"]).status == 64)
        #expect(try CLIRunner.run(["frobnicate"]).status == 64)
    }

    @Test func versionAndCompletion() throws {
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
        let completion = try CLIRunner.run(["--generate-completion-script", "bash"])
        #expect(completion.status == 0)
        #expect(completion.stdoutText.contains("build"))
        #expect(completion.stdoutText.contains("unpack"))
    }
}
