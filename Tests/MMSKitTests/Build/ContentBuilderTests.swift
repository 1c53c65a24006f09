import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

@Suite struct ContentBuilderTests {
    let builder = ContentBuilder(sniffer: Fixtures.sniffer)

    func errors(building path: String) throws -> [Diagnostic] {
        do {
            _ = try builder.build(directory: path)
            Issue.record("\(path) built without errors")
            return []
        } catch .invalid(let error) {
            return error.diagnostics
        }
    }

    /// Whether a build failed because a path could not be read (not because of the content).
    static func isUnreadable(_ error: any Error) -> Bool {
        if case .unreadable = error as? ContentLoadError { true } else { false }
    }

    @Test func buildsThePromoCampaign() throws {
        let analysis = try builder.build(directory: PackagePaths.sample("promo"))
        #expect(analysis.content.frames.count == 5)
        #expect(analysis.diagnostics.isEmpty)
        #expect(analysis.fields.signName?.hasPrefix("【") == true)
        let formats = analysis.items.compactMap(\.media?.format)
        #expect(Set(formats) == Set(MediaFormat.allCases))
        #expect(analysis.items.map(\.source).first == "01-cover.jpg")
        // Within a frame, file-name order is display order: 01-cover.jpg before 01-welcome.txt.
        #expect(analysis.content.frames[0].items.first?.contentType == .image)
    }

    @Test(arguments: [
        ("invalid-utf8-text", "01-text.txt", RuleID.textEncoding, "not valid UTF-8"),
        ("m4a-audio", "02-song.mp3", RuleID.mediaFormat, "M4A"),
        ("mov-video", "02-clip.mp4", RuleID.mediaFormat, "QuickTime"),
        ("png-named-jpg", "01-banner.jpg", RuleID.mediaTypeMismatch, "rename it to 01-banner.png"),
        ("symlink-escape", "02-x.jpg", RuleID.directoryLayout, "outside"),
        ("truncated-mp4", "02-clip.mp4", RuleID.mediaIntegrity, "truncated"),
        ("two-media-one-frame", "01-b.png", RuleID.frameItems, "01-a.jpg, 01-b.png"),
        ("two-texts-one-frame", "01-b.txt", RuleID.frameItems, "01-a.txt, 01-b.txt"),
        ("unnumbered-file", "banner.jpg", RuleID.directoryLayout, "fits no frame"),
        ("webp", "01-photo.jpg", RuleID.mediaFormat, "is a WebP image (image/webp)"),
        ("manifest-unknown-key", "mms.yaml", RuleID.manifest, "unknown key"),
    ])
    func reportsEachBadSample(directory: String, file: String, ruleID: RuleID, message: String) throws {
        let diagnostics = try errors(building: PackagePaths.sample("bad/\(directory)"))
        let error = try #require(diagnostics.first { $0.severity == .error })
        #expect(error.ruleID == ruleID)
        #expect(error.location?.file.hasSuffix("/\(file)") == true, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test(arguments: [
        "apng", "bom-text", "gaps-in-numbering", "id3-cover-mp3", "jpeg-ext", "manifest-frames",
        "moov-at-end-mp4", "text-first-and-media-first", "audio-only-mp4",
    ])
    func acceptsEachTrickySample(directory: String) throws {
        let analysis = try builder.build(directory: PackagePaths.sample("tricky/\(directory)"))
        #expect(!analysis.content.frames.isEmpty)
        #expect(!analysis.diagnostics.containsErrors)
    }

    @Test func trickySamplesKeepTheirSpecialMeaning() throws {
        let gaps = try builder.build(directory: PackagePaths.sample("tricky/gaps-in-numbering"))
        #expect(gaps.items.map(\.source) == ["01-intro.txt", "5-photo.jpg", "12-menu.png", "12-outro.txt"])
        let order = try builder.build(directory: PackagePaths.sample("tricky/text-first-and-media-first"))
        #expect(order.content.frames.map { $0.items.map(\.contentType) } == [[.text, .image], [.image, .text]])
        let bom = try builder.build(directory: PackagePaths.sample("tricky/bom-text"))
        #expect(bom.content.frames[0].text?.unicodeScalars.first != "\u{FEFF}")
        let jpeg = try builder.build(directory: PackagePaths.sample("tricky/jpeg-ext"))
        #expect(jpeg.content.frames[0].media?.extType == .jpeg)
        let audioOnly = try builder.build(directory: PackagePaths.sample("tricky/audio-only-mp4"))
        #expect(audioOnly.diagnostics.map(\.ruleID) == [.videoWithoutPicture])
        let listed = try builder.build(directory: PackagePaths.sample("tricky/manifest-frames"))
        #expect(listed.items.contains { $0.source == "mms.yaml" && $0.contentType == .text })
    }

    @Test func ignoresHiddenFilesAndStripsOneFinalNewline() throws {
        let temporary = try TemporaryDirectory(files: [
            ".DS_Store": Data([0, 1, 2]),
            "01-a.txt": "第一行\n第二行\n".utf8Data,
            "02-b.txt": "crlf\r\n".utf8Data,
            "03-c.txt": "keeps inner blank\n\n".utf8Data,
        ])
        let directory = temporary.path
        let analysis = try builder.build(directory: directory)
        #expect(analysis.content.frames.map(\.text) == ["第一行\n第二行", "crlf", "keeps inner blank\n"])
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let temporary = try TemporaryDirectory(files: [
            "01-a.txt": "x".utf8Data,
            "01-b.txt": "y".utf8Data,
            "02-empty.txt": "\n".utf8Data,
            "03-x.png": try Fixtures.jpeg,
            "notes.md": "readme".utf8Data,
            "04-song.wav": Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8) + Data(count: 64),
        ])
        let directory = temporary.path
        try FileManager.default.createDirectory(atPath: "\(directory)/05-sub", withIntermediateDirectories: false)
        let rules = try errors(building: directory).map(\.ruleID)
        #expect(Set(rules) == [.frameItems, .textEmpty, .mediaTypeMismatch, .directoryLayout, .mediaFormat])
        #expect(rules.filter { $0 == .directoryLayout }.count == 2)
    }

    @Test func symlinksInsideTheDirectoryAreFollowed() throws {
        let temporary = try TemporaryDirectory(files: ["photo.jpg": try Fixtures.jpeg, "01-a.txt": "hi".utf8Data])
        let directory = temporary.path
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/01-b.jpg", withDestinationPath: "photo.jpg")
        try FileManager.default.createSymbolicLink(
            atPath: "\(directory)/02-gone.jpg", withDestinationPath: "missing.jpg")
        let diagnostics = try errors(building: directory)
        #expect(diagnostics.contains { $0.message.contains("02-gone.jpg is a symlink to nothing") })
        #expect(!diagnostics.contains { $0.message.contains("loop") })
        #expect(diagnostics.contains { $0.message.contains("photo.jpg fits no frame") })
        #expect(!diagnostics.contains { $0.message.contains("01-b.jpg") })
    }

    /// A symlink that leads back to itself is named as a loop (ELOOP), not as a symlink to nothing.
    @Test func aSymlinkLoopIsNamedAsOne() throws {
        let temporary = try TemporaryDirectory(files: ["01-a.txt": "hi".utf8Data])
        let directory = temporary.path
        try FileManager.default.createSymbolicLink(
            atPath: "\(directory)/02-loop.jpg", withDestinationPath: "02-loop.jpg")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/03-a.jpg", withDestinationPath: "03-b.jpg")
        try FileManager.default.createSymbolicLink(atPath: "\(directory)/03-b.jpg", withDestinationPath: "03-a.jpg")
        let diagnostics = try errors(building: directory)
        for name in ["02-loop.jpg", "03-a.jpg", "03-b.jpg"] {
            #expect(
                diagnostics.contains {
                    $0.message.hasPrefix("\(name) is a symlink loop") && $0.ruleID == .directoryLayout
                },
                "\(diagnostics)")
        }
        #expect(!diagnostics.contains { $0.message.contains("symlink to nothing") })
    }

    /// An inline manifest text is held to the test of a .txt file and of lint's text-empty.
    @Test(arguments: ["", "   ", "\t\n", "\u{3000}"])
    func aBlankInlineTextIsAnError(text: String) throws {
        let temporary = try TemporaryDirectory(files: [
            "01-cover.jpg": try Fixtures.jpeg,
            "mms.yaml":
                "frames:\n  - [01-cover.jpg]\n  - [{text: \"\(text.replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\n", with: "\\n"))\"}]\n"
                .utf8Data,
        ])
        let diagnostics = try errors(building: temporary.path)
        #expect(
            diagnostics.contains {
                $0.ruleID == .textEmpty && $0.message.hasPrefix("frame 2, entry 1: the {text: ...} entry is empty")
            }, "\(diagnostics)")
    }

    @Test func emptyOrMissingDirectory() throws {
        let temporaryEmpty = try TemporaryDirectory()
        let empty = temporaryEmpty.path
        #expect(try errors(building: empty).first?.ruleID == .contentEmpty)
        #expect { try builder.build(directory: "\(empty)/nope") } throws: { Self.isUnreadable($0) }
        let file = "\(empty)/file.txt"
        try "x".write(toFile: file, atomically: false, encoding: .utf8)
        #expect { try builder.build(directory: file) } throws: { Self.isUnreadable($0) }
    }

    @Test func manifestFramesMustNameRealFiles() throws {
        let temporary = try TemporaryDirectory(files: [
            "hero.jpg": try Fixtures.jpeg,
            "extra.png": try Fixtures.png,
            "mms.yaml": "frames:\n  - [hero.jpg, {text: 你好}]\n  - [missing.gif]\n".utf8Data,
        ])
        let directory = temporary.path
        let diagnostics = try errors(building: directory)
        #expect(diagnostics.contains { $0.severity == .error && $0.message.contains("missing.gif") })
        #expect(diagnostics.contains { $0.severity == .warning && $0.message.contains("extra.png is not listed") })
    }
}
