import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// Runs every rule's own examples: a rule cannot exist without examples, and its documentation stays true.
@Suite struct RuleExampleTests {
    static let tokens: [String: String] = [
        "«png»": "promo/02-menu.png", "«jpg»": "promo/01-cover.jpg", "«gif»": "promo/03-steam.gif",
        "«mp3»": "promo/04-jingle.mp3", "«mp4»": "promo/05-store.mp4", "«webp»": "bad/webp/01-photo.jpg",
        "«audio-only-mp4»": "tricky/audio-only-mp4/01-clip.mp4", "«truncated-mp4»": "bad/truncated-mp4/02-clip.mp4",
    ]

    /// Tokens for files built from a sample: the JPEG with a ZIP local file header appended (a polyglot).
    static let builtTokens: [String: @Sendable () throws -> Data] = [
        "«jpg-with-zip»": { try Fixtures.jpeg + Fixtures.zipHeader }
    ]

    /// The JSON with every token replaced by the base64 of its sample file.
    static func expand(json: String) throws -> String {
        var text = json
        for (token, path) in tokens where text.contains(token) {
            text = text.replacingOccurrences(of: token, with: try Fixtures.data(path).base64EncodedString())
        }
        for (token, build) in builtTokens where text.contains(token) {
            text = text.replacingOccurrences(of: token, with: try build().base64EncodedString())
        }
        return text
    }

    /// The bytes of a directory example's file: a token alone is the sample's bytes; text may embed «invalid-utf8».
    static func expand(file: String) throws -> Data {
        if let path = tokens[file] { return try Fixtures.data(path) }
        if let build = builtTokens[file] { return try build() }
        var data = Data()
        let parts = file.components(separatedBy: "«invalid-utf8»")
        for (index, part) in parts.enumerated() {
            if index > 0 { data.append(0xFF) }
            data.append(contentsOf: Array(part.utf8))
        }
        return data
    }

    /// The expanded JSON of an example without its `↓` markers, and where the markers stood in it.
    static func marked(json: String) throws -> (text: String, positions: [TextPosition]) {
        LintExample.removingMarkers(from: try expand(json: json))
    }

    static func lint(_ example: LintExample) throws -> [Diagnostic] {
        let configuration = LintConfiguration(profile: example.limits.applied(to: .ihuyi))
        let linter = Linter(
            sniffer: Fixtures.sniffer, configuration: configuration, now: Date(timeIntervalSince1970: 1_790_000_000))
        switch example.input {
        case .json(let json):
            return linter.lint(data: Data(try marked(json: json).text.utf8), file: "example.json").diagnostics
        case .directory(let files):
            let temporary = try TemporaryDirectory()
            let directory = temporary.path
            for (name, contents) in files {
                try expand(file: contents).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
            }
            return try linter.lint(directory: directory)
        }
    }

    static let ruleIDs = LintRules.ids

    @Test(arguments: ruleIDs)
    func triggeringExamplesTrigger(id: RuleID) throws {
        let rule = try #require(LintRules.rule(id: id))
        #expect(!rule.examples.triggering.isEmpty, "\(id) has no triggering example")
        for example in rule.examples.triggering {
            let diagnostics = try Self.lint(example)
            #expect(
                diagnostics.contains { $0.ruleID == id },
                "\(id) did not trigger on \(example.input); got \(diagnostics.map { $0.ruleID?.rawValue ?? "" })")
        }
    }

    /// A `↓` in a triggering example marks where the rule's diagnostic must point.
    @Test(arguments: ruleIDs)
    func triggeringExamplesPointAtTheirMarkers(id: RuleID) throws {
        let rule = try #require(LintRules.rule(id: id))
        for example in rule.examples.triggering {
            guard case .json(let json) = example.input else { continue }
            let (text, positions) = try Self.marked(json: json)
            let found = try Self.lint(example).filter { $0.ruleID == id }
            if ProcessInfo.processInfo.environment["MMSKIT_DUMP_LOCATIONS"] != nil {
                let lines = text.components(separatedBy: "\n")
                for diagnostic in found {
                    guard let line = diagnostic.location?.line, let column = diagnostic.location?.column else {
                        continue
                    }
                    let scalars = Array(lines[line - 1].unicodeScalars)
                    let snippet = String(String.UnicodeScalarView(scalars[(column - 1)...].prefix(30)))
                    print("DUMP \(id) \(line):\(column) \(snippet)")
                }
            }
            for position in positions {
                #expect(
                    found.contains { $0.location?.line == position.line && $0.location?.column == position.column },
                    "\(id): no diagnostic at the marker \(position.line):\(position.column); found \(found.map { $0.location?.description ?? "-" })"
                )
            }
        }
    }

    /// Every rule whose triggering examples are JSON marks where at least one of its diagnostics points.
    @Test func jsonRulesMarkTheirDiagnostics() throws {
        for rule in LintRules.all {
            let json = rule.examples.triggering.compactMap { example -> String? in
                if case .json(let text) = example.input { text } else { nil }
            }
            guard !json.isEmpty else { continue }
            #expect(
                json.contains { $0.contains(LintExample.marker) },
                "\(rule.description.id) has no ↓ in its triggering examples")
        }
    }

    @Test(arguments: ruleIDs)
    func nonTriggeringExamplesDoNotTrigger(id: RuleID) throws {
        let rule = try #require(LintRules.rule(id: id))
        #expect(!rule.examples.nonTriggering.isEmpty, "\(id) has no non-triggering example")
        for example in rule.examples.nonTriggering {
            let diagnostics = try Self.lint(example)
            #expect(
                !diagnostics.contains { $0.ruleID == id },
                "\(id) triggered on \(example.input): \(diagnostics.filter { $0.ruleID == id })")
        }
    }

    @Test func canonicalExamplesAreClean() throws {
        for json in [RuleExamples.validTemplate, RuleExamples.validBatch] {
            let diagnostics = try Self.lint(.json(json))
            #expect(diagnostics.isEmpty, "\(diagnostics)")
        }
    }

    @Test func rulesHaveStableDocumentedIDs() {
        let ids = LintRules.ids
        #expect(Set(ids).count == ids.count)
        for rule in LintRules.all {
            let description = rule.description
            #expect(
                description.id.rawValue.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" },
                "\(description.id) is not kebab-case")
            #expect(!description.summary.isEmpty && !description.rationale.isEmpty)
            #expect(
                ["syntax", "shape", "frames", "data", "media", "size", "fields", "recipients", "carrier", "directory"]
                    .contains(description.category))
        }
        // Every rule id a builder or decoder diagnostic uses is a rule, so reports can describe it.
        let emitted: [RuleID] = [
            .directoryLayout, .manifest, .textEncoding, .frameItems, .mediaFormat, .mediaIntegrity, .mediaTypeMismatch,
            .videoWithoutPicture, .textEmpty, .contentEmpty, .frameEmpty,
        ]
        for id in emitted {
            #expect(LintRules.rule(id: id) != nil, "\(id)")
        }
    }

    /// Every `RuleID` constant is a registered rule, and every registered rule has a constant, in the same order.
    @Test func everyRuleIDIsARegisteredRule() {
        for id in RuleID.allCases {
            #expect(LintRules.rule(id: id) != nil, "RuleID.\(id) is not a rule in LintRules.all")
        }
        #expect(LintRules.ids == RuleID.allCases)
        #expect(Set(RuleID.allCases).count == RuleID.allCases.count)
    }
}
