import Foundation
import Testing

@testable import MMSKit

@Suite struct ManifestTests {
    @Test func readsFieldsAndExplicitFrames() throws {
        let manifest = try Manifest(
            yaml: """
                title: 春季新品
                sign_name: 【星河咖啡】
                purpose: 会员新品推荐
                frames:
                  - [intro.txt, hero.jpg]
                  - clip.mp4
                  - [{text: "到店出示本彩信立减5元"}, photo.png]
                """, file: "mms.yaml")
        #expect(manifest.fields == TemplateFields(title: "春季新品", signName: "【星河咖啡】", purpose: "会员新品推荐"))
        #expect(
            manifest.frames == [
                [.file("intro.txt"), .file("hero.jpg")], [.file("clip.mp4")],
                [.text("到店出示本彩信立减5元"), .file("photo.png")],
            ])
    }

    @Test func emptyManifestIsAllowed() throws {
        let manifest = try Manifest(yaml: "# nothing yet\n", file: "mms.yaml")
        #expect(manifest.fields.isEmpty)
        #expect(manifest.frames == nil)
    }

    @Test func reportsEveryUnknownKeyWithItsLine() {
        do {
            _ = try Manifest(yaml: "title: a\nsign-name: 【x】\nsubject: b\n", file: "d/mms.yaml")
            Issue.record("unknown keys accepted")
        } catch {
            #expect(error.diagnostics.count == 2)
            #expect(error.diagnostics[0].location == Diagnostic.Location(file: "d/mms.yaml", line: 2, column: 1))
            #expect(error.diagnostics[0].message.contains("did you mean 'sign_name'"))
            #expect(error.diagnostics[1].location?.line == 3)
        }
    }

    @Test func rejectsWrongTypesAndBrokenYAML() {
        #expect(throws: ContentError.self) { try Manifest(yaml: "title: [a, b]\n", file: "m") }
        #expect(throws: ContentError.self) { try Manifest(yaml: "- a\n- b\n", file: "m") }
        #expect(throws: ContentError.self) { try Manifest(yaml: "frames: 3\n", file: "m") }
        #expect(throws: ContentError.self) { try Manifest(yaml: "title: a\ntitle: b\n", file: "m") }
        do {
            _ = try Manifest(yaml: "title: \"unterminated\n", file: "m")
            Issue.record("broken YAML accepted")
        } catch {
            #expect(error.diagnostics.first?.message.contains("not valid YAML") == true)
            #expect(error.diagnostics.first?.location?.line != nil)
        }
    }

    @Test func writtenManifestReadsBackExactly() throws {
        let fields = TemplateFields(title: "a: \"b\" # c", signName: "【店】\n", purpose: "tab\there \\ ok")
        let manifest = try Manifest(yaml: Manifest.yaml(for: fields), file: "m")
        #expect(manifest.fields == fields)
    }
}
