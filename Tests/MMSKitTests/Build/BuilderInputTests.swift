import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

#if canImport(Glibc)
import Glibc
#endif

/// Inputs that build and lint must treat alike: BOMs, blank text, names that are not UTF-8, appended bytes.
@Suite struct BuilderInputTests {
    let builder = ContentBuilder(sniffer: Fixtures.sniffer)

    func diagnostics(building path: String) -> [Diagnostic] {
        do {
            return try builder.build(directory: path).diagnostics
        } catch .invalid(let error) {
            return error.diagnostics
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    @Test func aManifestWithABOMIsRead() throws {
        let manifest = Data([0xEF, 0xBB, 0xBF]) + Data("title: 春季新品\nsign_name: 【星河咖啡】\n".utf8)
        let temporary = try TemporaryDirectory(files: ["mms.yaml": manifest, "01-text.txt": "新品上市。回T退订".utf8Data])
        let directory = temporary.path
        let analysis = try builder.build(directory: directory)
        #expect(analysis.fields.title == "春季新品")
        #expect(analysis.fields.signName == "【星河咖啡】")
    }

    @Test(arguments: ["", "   \n", "\t\r\n", "\u{3000}\n"])
    func blankTextIsRefusedAsLintRefusesIt(_ text: String) throws {
        let temporary = try TemporaryDirectory(files: ["01-text.txt": text.utf8Data, "01-photo.jpg": try Fixtures.jpeg])
        let directory = temporary.path
        #expect(diagnostics(building: directory).contains { $0.ruleID == .textEmpty && $0.severity == .error })
        let json = Data(
            #"[[{"con_type":"text","ext_type":"txt","data":"\#(text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\t", with: "\\t"))"}]]"#
                .utf8)
        let lint = Linter(sniffer: Fixtures.sniffer).lint(data: json, file: "a.json").diagnostics
        #expect(lint.contains { $0.ruleID == .textEmpty })
    }

    @Test func aNameThatIsNotUTF8IsReportedEscaped() throws {
        let temporary = try TemporaryDirectory(files: ["01-text.txt": "新品上市。回T退订".utf8Data])
        let directory = temporary.path
        let raw = Array("\(directory)/02-".utf8) + [0xB7, 0xE2, 0x2E, 0x6A, 0x70, 0x67, 0]
        let descriptor = raw.withUnsafeBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644)
        }
        close(descriptor)
        let found = diagnostics(building: directory)
        let problem = try #require(found.first { $0.message.contains("not valid UTF-8") })
        #expect(problem.message.contains(#"02-\xB7\xE2.jpg"#))
        #expect(problem.message.contains("rename it"))
        #expect(!found.contains { $0.message.contains("symlink") })
    }

    @Test(arguments: [("jpg", Fixtures.zipHeader), ("png", Data("junk".utf8)), ("gif", Fixtures.zipHeader)])
    func appendedBytesAreAWarningNamingTheirCount(_ ext: String, _ appended: Data) throws {
        let media: Data =
            switch ext {
            case "jpg": try Fixtures.jpeg
            case "png": try Fixtures.png
            default: try Fixtures.gif
            }
        let temporary = try TemporaryDirectory(files: [
            "01-media.\(ext)": media + appended, "01-text.txt": "新品上市。回T退订".utf8Data,
        ])
        let directory = temporary.path
        let analysis = try builder.build(directory: directory)
        let warning = try #require(analysis.diagnostics.first { $0.ruleID == .mediaTrailingData })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("has \(appended.count) bytes after the end"))
        #expect(try builder.build(directory: PackagePaths.sample("promo")).diagnostics.isEmpty)
    }

    @Test func mp4AndMP3WithAppendedDataAreCounted() throws {
        let mp4 = try Fixtures.sniffer.sniff(try Fixtures.mp4 + Fixtures.zipHeader)
        #expect(mp4.details.trailingBytes == Fixtures.zipHeader.count)
        let mp3 = try Fixtures.sniffer.sniff(try Fixtures.mp3 + Data(repeating: 0x55, count: 700))
        #expect(mp3.details.trailingBytes == 700)
        #expect(try Fixtures.sniffer.sniff(try Fixtures.mp3).details.trailingBytes == nil)
    }
}
