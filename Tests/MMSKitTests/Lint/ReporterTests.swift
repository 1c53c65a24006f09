import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Pins every `--format` of `mmskit lint` to a golden file in `Fixtures/golden`.
///
/// After an intended change of output, regenerate the golden files and review their diff:
///
///     MMSKIT_UPDATE_GOLDEN=1 swift test --filter ReporterTests
///
/// With `MMSKIT_UPDATE_GOLDEN=1` the golden tests write the files instead of comparing.
@Suite struct ReporterTests {
    /// One report exercising what the formats must get right: a JSON path, Chinese text, a path with a space,
    /// characters that need escaping, a note without line or column, a diagnostic without a location, a rule id
    /// missing from the rule list, and a clean file.
    static let report = LintReport(
        files: [
            LintReport.File(
                path: "./templates/promo.json",
                kind: "template",
                diagnostics: [
                    Diagnostic(
                        .error, "第 2 帧的图片是 WebP（image/webp），运营商不支持；请转换为 JPEG 或 PNG",
                        location: Diagnostic.Location(file: "./templates/promo.json", line: 12, column: 9),
                        path: "content[2][1].data", ruleID: .mediaFormat),
                    Diagnostic(
                        .note, "written for template version 1; version 2 is current",
                        ruleID: RuleID(rawValue: "template-version")),
                ]),
            LintReport.File(
                path: "活动 素材/春节 banner.json",
                kind: "content",
                diagnostics: [
                    Diagnostic(
                        .warning, "subject is 105% of the limit: 42 characters, at most 40,\nshorten it",
                        location: Diagnostic.Location(file: "活动 素材/春节 banner.json", line: 3, column: 14),
                        path: "subject", ruleID: RuleID(rawValue: "subject-length")),
                    Diagnostic(
                        .note, "estimated size 212 KB of the 300 KB carrier limit",
                        location: Diagnostic.Location(file: "活动 素材/春节 banner.json"),
                        ruleID: RuleID(rawValue: "message-size")),
                ]),
            LintReport.File(path: "templates/clean.json", kind: "template", diagnostics: []),
        ],
        rules: [
            LintRuleDescription(
                id: .mediaFormat, category: "media", defaultSeverity: .error,
                summary: "Media must be a format carriers deliver (JPEG, PNG, GIF, MP3, MP4).",
                rationale: "China Mobile, China Unicom and China Telecom gateways reject other formats."),
            LintRuleDescription(
                id: RuleID(rawValue: "message-size"), category: "size", defaultSeverity: .note,
                summary: "Reports the estimated message size against the carrier limit.",
                rationale: "Messages over 300 KB are dropped by some gateways without an error."),
            LintRuleDescription(
                id: RuleID(rawValue: "subject-length"), category: "fields", defaultSeverity: .warning,
                summary: "The subject must fit in 40 characters.",
                rationale: "Longer subjects are truncated on most handsets."),
            LintRuleDescription(
                id: .textEncoding, category: "data", defaultSeverity: .error,
                summary: "Text frames must be valid UTF-8.",
                rationale: "Gateways transcode text to GB2312 or UTF-16 and fail on invalid input."),
        ])

    // MARK: Golden files

    @Test func text() throws {
        try Golden.check("report.txt", TextReporter().generateReport(Self.report))
    }

    @Test func json() throws {
        try Golden.check("report.json", JSONReporter().generateReport(Self.report))
    }

    @Test func sarif() throws {
        try Golden.check("report.sarif", SARIFReporter(toolVersion: "1.0.0").generateReport(Self.report))
    }

    @Test func github() throws {
        try Golden.check("report.github", GitHubReporter().generateReport(Self.report))
    }

    @Test func junit() throws {
        try Golden.check("report.junit.xml", JUnitReporter().generateReport(Self.report))
    }

    // MARK: Text

    @Test(arguments: [
        ([Diagnostic.Severity.error, .warning, .note], 1, "1 error, 1 warning, 1 note in 1 file"),
        ([.error, .error, .note, .note], 3, "2 errors, 0 warnings, 2 notes in 3 files"),
        ([.warning, .warning], 2, "0 errors, 2 warnings, 0 notes in 2 files"),
        ([], 2, "no problems in 2 files"),
        ([], 1, "no problems in 1 file"),
    ])
    func summaryLine(severities: [Diagnostic.Severity], fileCount: Int, expected: String) {
        var files = (0..<fileCount).map { LintReport.File(path: "f\($0).json", kind: "content", diagnostics: []) }
        files[0].diagnostics = severities.map { Diagnostic($0, "m", location: Diagnostic.Location(file: "f0.json")) }
        let report = LintReport(files: files, rules: [])
        for output in [TextReporter().generateReport(report), GitHubReporter().generateReport(report)] {
            #expect(output.hasSuffix("\n"))
            #expect(output.split(separator: "\n").last.map(String.init) == expected)
        }
    }

    @Test func colourWrapsOnlyTheSeverityWord() {
        let output = TextReporter(colour: true).generateReport(Self.report)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0].hasPrefix("./templates/promo.json:12:9: \u{1B}[1;31merror\u{1B}[0m: content[2][1].data: 第 2 帧"))
        #expect(
            lines[1].hasPrefix("./templates/promo.json: \u{1B}[1;36mnote\u{1B}[0m: written for template version 1;"))
        #expect(output.contains("3:14: \u{1B}[1;33mwarning\u{1B}[0m: subject: "))
        #expect(!TextReporter().generateReport(Self.report).contains("\u{1B}"))
    }

    // MARK: JSON

    @Test func jsonDoesNotEscapeSlashesAndOmitsAbsentValues() throws {
        let output = JSONReporter().generateReport(Self.report)
        #expect(!output.contains("\\/"))
        #expect(output.contains("\"./templates/promo.json\""))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let files = try #require(document["files"] as? [[String: Any]])
        let note = try #require((files[1]["diagnostics"] as? [[String: Any]])?.last)
        #expect(Set(note.keys) == ["severity", "message", "file", "rule"])
        #expect(!output.contains("null"))
    }

    // MARK: SARIF

    @Test(arguments: [
        ("templates/promo.json", "templates/promo.json"),
        ("./templates/promo.json", "templates/promo.json"),
        ("活动 素材/春节.json", "%E6%B4%BB%E5%8A%A8%20%E7%B4%A0%E6%9D%90/%E6%98%A5%E8%8A%82.json"),
        ("a#b?c%d.json", "a%23b%3Fc%25d.json"),
        ("../shared/x.json", "../shared/x.json"),
        ("/srv/mms/a b.json", "file:///srv/mms/a%20b.json"),
    ])
    func sarifURIs(path: String, uri: String) {
        #expect(SARIFReporter.uri(forPath: path) == uri)
    }

    @Test func sarifRuleNames() {
        #expect(SARIFReporter.upperCamelCase("media-type-mismatch") == "MediaTypeMismatch")
        #expect(SARIFReporter.upperCamelCase("size") == "Size")
    }

    /// Validates against the SARIF 2.1.0 schema in `../shared/schemas` next to the package, with Python's
    /// `jsonschema` (CI installs it). Skipped only when the schema, python3 or jsonschema is absent.
    @Test func sarifValidatesAgainstTheSchema() throws {
        let schema = PackagePaths.root.appendingPathComponent("../shared/schemas/sarif-schema-2.1.0.json").standardized
        guard FileManager.default.fileExists(atPath: schema.path) else { return }
        let temporary = try TemporaryDirectory()
        let document = temporary.url.appendingPathComponent("report.sarif")
        try Data(SARIFReporter(toolVersion: "1.0.0").generateReport(Self.report).utf8).write(to: document)

        let script = """
            import json, sys
            try:
                import jsonschema
            except ImportError:
                sys.exit(3)
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            cls = jsonschema.validators.validator_for(schema)
            validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
            errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
            for error in errors:
                print("/".join(map(str, error.absolute_path)), error.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, document.path]
        let output = Pipe.closingOnExec()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 127: env found no python3; 3: the script found no jsonschema.
        if process.terminationStatus == 127 || process.terminationStatus == 3 { return }
        #expect(process.terminationStatus == 0, "SARIF output does not match the schema:\n\(text)")
    }

    // MARK: GitHub

    @Test func githubEscapesMessages() {
        #expect(GitHubReporter.escapeData("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b")
    }

    @Test func githubEscapesProperties() {
        #expect(GitHubReporter.escapeProperty("100%\r\nnext: a, b") == "100%25%0D%0Anext%3A a%2C b")
    }

    @Test func githubOmitsUnknownLineAndColumn() {
        let report = LintReport(
            files: [
                LintReport.File(
                    path: "a.json", kind: nil,
                    diagnostics: [
                        Diagnostic(.error, "unreadable", location: Diagnostic.Location(file: "a.json")),
                        Diagnostic(
                            .warning, "w", location: Diagnostic.Location(file: "a.json", line: 4),
                            ruleID: RuleID(rawValue: "r")),
                    ])
            ], rules: [])
        #expect(
            GitHubReporter().generateReport(report) == """
                ::error file=a.json,title=mmskit::unreadable
                ::warning file=a.json,line=4,title=mmskit r::w
                1 error, 1 warning, 0 notes in 1 file

                """)
    }

    // MARK: JUnit

    @Test func junitEscapesMarkupAndDropsInvalidCharacters() {
        #expect(
            JUnitReporter.escape("<a & \"b\" 'c'>\u{1}\u{8}\u{B}\u{FFFF}!")
                == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;!")
        #expect(JUnitReporter.escape("tab\tline\nreturn\r") == "tab&#9;line&#10;return&#13;")
        #expect(JUnitReporter.escape("中文 ✓ 😀") == "中文 ✓ 😀")
    }

    @Test func junitIsWellFormedWithHostileText() throws {
        let hostile = "<script>&amp; \"quoted\" 'single' \u{0}\u{7} ]]> end"
        let report = LintReport(
            files: [
                LintReport.File(
                    path: "a&b <c>.json", kind: "content",
                    diagnostics: [
                        Diagnostic(
                            .error, hostile, location: Diagnostic.Location(file: "a&b <c>.json", line: 1, column: 2),
                            path: "x['y']", ruleID: RuleID(rawValue: "r<1>"))
                    ])
            ], rules: [])
        let output = JUnitReporter().generateReport(report)
        #expect(!output.contains("\u{0}"))
        #expect(!output.contains("\u{7}"))
        #expect(
            output.contains(
                "message=\"x[&apos;y&apos;]: &lt;script&gt;&amp;amp; &quot;quoted&quot; &apos;single&apos;  ]]&gt; end\""
            ))
        #if canImport(FoundationXML) || canImport(Darwin)
        let parser = XMLParser(data: Data(output.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #endif
    }

    // MARK: Registry

    @Test func reportersByIdentifier() throws {
        #expect(LintReporters.identifiers == ["text", "json", "sarif", "github", "junit"])
        for identifier in LintReporters.identifiers {
            let reporter = try #require(LintReporters.reporter(for: identifier, colour: false, toolVersion: "1.0.0"))
            #expect(type(of: reporter).identifier == identifier)
        }
        #expect(LintReporters.reporter(for: "xml", colour: false, toolVersion: "1.0.0") == nil)
        let coloured = LintReporters.reporter(for: "text", colour: true, toolVersion: "1.0.0") as? TextReporter
        #expect(coloured?.colour == true)
        let sarif = LintReporters.reporter(for: "sarif", colour: false, toolVersion: "9.9.9") as? SARIFReporter
        #expect(sarif?.toolVersion == "9.9.9")
    }
}

/// Golden files in `Tests/MMSKitTests/Fixtures/golden`.
private enum Golden {
    static let directory = PackagePaths.fixture("golden")

    /// Compares `actual` with the golden file byte for byte, or rewrites it when `MMSKIT_UPDATE_GOLDEN=1`.
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["MMSKIT_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        guard Data(actual.utf8) != expected else { return }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        Issue.record(
            """
            \(name) differs from the golden file at line \(line + 1) \
            (regenerate with MMSKIT_UPDATE_GOLDEN=1 if intended):
            expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end of file>")
              actual: \(line < actualLines.count ? String(actualLines[line]) : "<end of file>")
            """,
            sourceLocation: sourceLocation)
    }
}
