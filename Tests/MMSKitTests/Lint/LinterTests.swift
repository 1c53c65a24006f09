import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

@Suite struct LinterTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    func linter(_ configuration: LintConfiguration = LintConfiguration(), kind: DocumentKind? = nil) -> Linter {
        Linter(sniffer: Fixtures.sniffer, configuration: configuration, kind: kind, now: Self.now)
    }

    func template(_ content: String) throws -> Data {
        Data(try RuleExampleTests.expand(json: RuleExamples.template(content: content)).utf8)
    }

    @Test func locatesEachProblemAtItsValueWithAJSONPath() throws {
        let json = """
            {"title": "春季新品", "sign_name": "【星河咖啡】", "purpose": "会员新品推荐",
             "content": [
               [{"con_type": "image", "ext_type": "jpg", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "新品。回T退订"}]
             ]}
            """
        let diagnostics = linter().lint(data: Data(try RuleExampleTests.expand(json: json).utf8), file: "t.json")
            .diagnostics
        let mismatch = try #require(diagnostics.first { $0.ruleID == .mediaTypeMismatch })
        #expect(mismatch.location?.line == 3)
        #expect(mismatch.location?.column == 54)
        #expect(mismatch.path == "content[0][0].data")
        #expect(mismatch.message.contains("set ext_type to png"))
        #expect(mismatch.description.hasPrefix("t.json:3:54: error: content[0][0].data: the data is a PNG image"))
    }

    @Test func severityOverridesAndDisabledRules() throws {
        let data = try template(
            #"[[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "新品 www.example.com"}]]"#
        )
        let defaults = linter().lint(data: data, file: "t.json").diagnostics
        #expect(defaults.map(\.ruleID) == [.linksInText, .optOutLine])
        #expect(defaults.allSatisfy { $0.severity == .warning })
        let overrides: [RuleID: Diagnostic.Severity?] = [
            .linksInText: .some(.error), .optOutLine: Optional<Diagnostic.Severity>.none,
        ]
        let configured = linter(LintConfiguration(ruleSeverities: overrides)).lint(data: data, file: "t.json")
            .diagnostics
        #expect(configured.map(\.ruleID) == [.linksInText])
        #expect(configured.first?.severity == .error)
    }

    @Test func kindOverrideChangesTheRequiredFields() throws {
        let bare = Data(
            try RuleExampleTests.expand(
                json:
                    #"{"content": [[{"con_type": "image", "ext_type": "png", "data": "«png»"}, {"con_type": "text", "ext_type": "txt", "data": "回T退订"}]]}"#
            ).utf8)
        let asTemplate = linter().lint(data: bare, file: "t.json")
        #expect(asTemplate.kind == .template)
        #expect(Set(asTemplate.diagnostics.map(\.ruleID)) == [.title, .signName, .purpose])
        let asBatch = linter(kind: .batch).lint(data: bare, file: "t.json")
        #expect(asBatch.kind == .batch)
        #expect(Set(asBatch.diagnostics.map(\.ruleID)) == [.requiredField, .title, .signName])
    }

    @Test func syntaxErrorsStopAtTheParser() {
        let result = linter().lint(data: Data("{\"title\": \n  \"a\" \"b\"}".utf8), file: "bad.json")
        let (kind, diagnostics) = (result.kind, result.diagnostics)
        #expect(kind == nil)
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].ruleID == .jsonSyntax)
        #expect(diagnostics[0].location == Diagnostic.Location(file: "bad.json", line: 2, column: 7))
    }

    @Test func expandsDirectoriesGlobsAndExcludes() throws {
        let temporaryRoot = try TemporaryDirectory()
        let root = temporaryRoot.path
        let manager = FileManager.default
        for directory in ["templates/spring", "templates/drafts", "templates/message", ".git"] {
            try manager.createDirectory(atPath: "\(root)/\(directory)", withIntermediateDirectories: true)
        }
        let valid = try RuleExampleTests.expand(json: RuleExamples.validTemplate)
        for file in [
            "templates/spring/a.json", "templates/spring/b.json", "templates/drafts/c.json", ".git/x.json",
            "templates/notes.md",
        ] {
            try valid.write(toFile: "\(root)/\(file)", atomically: false, encoding: .utf8)
        }
        try "新品。回T退订".write(toFile: "\(root)/templates/message/01-a.txt", atomically: false, encoding: .utf8)
        try Fixtures.png.write(to: URL(fileURLWithPath: "\(root)/templates/message/01-b.png"))

        let all = try LintInput.expand(["\(root)/templates"])
        #expect(
            all.map { $0.path.replacingOccurrences(of: root + "/", with: "") } == [
                "templates/drafts/c.json", "templates/message", "templates/spring/a.json", "templates/spring/b.json",
            ])
        #expect(all[1].kind == .directory)
        let excluded = try LintInput.expand(["\(root)/templates"], excluding: [try GlobPattern("**/drafts/**")])
        #expect(excluded.count == 3)
        let globbed = try LintInput.expand(["\(root)/templates/**/*.json"])
        #expect(globbed.count == 3)
        #expect(throws: FileSystemError.self) { try LintInput.expand(["\(root)/missing.json"]) }
        #expect(throws: FileSystemError.self) { try LintInput.expand(["\(root)/nothing/*.json"]) }

        let report = try linter().lint(paths: ["\(root)/templates"])
        #expect(report.files.count == 4)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.files[1].kind == "directory")
    }

    @Test func reportOrderIsDeterministic() throws {
        let paths = ["bad", "tricky", "promo"].map { PackagePaths.sample($0) }
        let first = try linter().lint(paths: paths)
        for _ in 0..<3 {
            let again = try linter().lint(paths: paths)
            #expect(again.files == first.files)
        }
        #expect(first.files.first?.path.hasSuffix("bad/invalid-utf8-text") == true)
        #expect(first.count(of: .error) == 11)
    }

    @Test func directoriesGetContentRules() throws {
        let temporary = try TemporaryDirectory(files: [
            "01-a.txt": "只有文字，没有退订".utf8Data,
            "mms.yaml": "title: t\nsign_name: 星河咖啡\n".utf8Data,
        ])
        let directory = temporary.path
        let diagnostics = try linter().lint(directory: directory)
        #expect(Set(diagnostics.map(\.ruleID)) == [.mixedContent, .optOutLine, .signName])
        #expect(diagnostics.first { $0.ruleID == .signName }?.location?.file == "\(directory)/mms.yaml")
        let asTemplate = try linter(kind: .template).lint(directory: directory)
        #expect(asTemplate.contains { $0.ruleID == .purpose })
    }

    @Test func pastSendTimeUsesChinaTime() throws {
        // 1_790_000_000 is 2026-09-21 14:13:20 UTC, 22:13:20 in China.
        let body = { (time: String) throws -> [Diagnostic] in
            let json = RuleExamples.batch(
                #""product_id": 1018, "phone": ["13800138000"], "sign_name": "【星河咖啡】", "title": "t", "send_time": "\#(time)""#
            )
            return self.linter().lint(data: Data(try RuleExampleTests.expand(json: json).utf8), file: "b.json")
                .diagnostics
        }
        #expect(try body("2026-09-21 22:00:00").contains { $0.ruleID == .sendTime })
        #expect(try !body("2026-09-21 22:30:00").contains { $0.ruleID == .sendTime })
    }
}
