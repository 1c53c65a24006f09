import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

@Suite struct ContentUnpackerTests {
    let builder = ContentBuilder(sniffer: Fixtures.sniffer)

    @Test(arguments: [
        "promo", "tricky/text-first-and-media-first", "tricky/manifest-frames", "tricky/bom-text",
        "tricky/gaps-in-numbering",
    ])
    func buildUnpackBuildIsByteIdentical(sample: String) throws {
        let first = try builder.build(directory: PackagePaths.sample(sample))
        let firstJSON = ContentJSON(template: first.fields, content: first.content).data()
        let temporary = try TemporaryDirectory()
        let directory = temporary.path + "/unpacked"
        try ContentUnpacker.unpack(first.content, fields: first.fields, to: directory)
        let second = try builder.build(directory: directory)
        #expect(ContentJSON(template: second.fields, content: second.content).data() == firstJSON)
        #expect(second.fields == first.fields)
    }

    @Test func trickyTextSurvivesTheRoundTrip() throws {
        let texts = [
            "ends with CR\r", "ends with CRLF\r\n", "ends with LF\n", "  spaces  ", "\u{FEFF}starts with BOM",
            "emoji 😀 / 【】",
        ]
        let content = MMSContent(frames: texts.map { Frame(text: $0) })
        let temporary = try TemporaryDirectory()
        let directory = temporary.path + "/texts"
        try ContentUnpacker.unpack(content, fields: TemplateFields(), to: directory)
        let rebuilt = try builder.build(directory: directory)
        // Every text survives exactly, even one that starts with U+FEFF (unpack writes a BOM before it).
        #expect(rebuilt.content.frames.map(\.text) == texts)
    }

    @Test func namesFilesByFrameAndPosition() {
        let content = MMSContent(frames: (0..<10).map { Frame(text: "\($0)") })
        let names = ContentUnpacker.files(for: content, fields: TemplateFields()).map(\.name)
        #expect(names.first == "01-1.txt")
        #expect(names.contains("10-1.txt"))
        #expect(names.last == "mms.yaml")
    }

    @Test func refusesANonEmptyDirectoryAndLeavesNothingBehind() throws {
        let temporaryParent = try TemporaryDirectory()
        let parent = temporaryParent.path
        let target = "\(parent)/out"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        try "keep".write(toFile: "\(target)/mine.txt", atomically: false, encoding: .utf8)
        #expect(throws: FileSystemError.self) {
            try ContentUnpacker.unpack(MMSContent(frames: [Frame(text: "a")]), fields: TemplateFields(), to: target)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["mine.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["out"])
    }

    @Test func unpacksIntoAnEmptyDirectory() throws {
        let temporaryTarget = try TemporaryDirectory()
        let target = temporaryTarget.path
        try ContentUnpacker.unpack(MMSContent(frames: [Frame(text: "a")]), fields: TemplateFields(), to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == ["01-1.txt", "mms.yaml"])
    }
}
