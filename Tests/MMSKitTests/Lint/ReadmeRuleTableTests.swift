import Foundation
import MMSKitTestSupport
import Testing

@testable import MMSKit

/// The rule table of the guide (`Sources/MMSKit/MMSKit.docc/RuleReference.md`, linked from the README) is
/// documentation users read instead of `mmskit rules`: it must list exactly the registered rules, in the same
/// order, with their default severities, categories and summaries.
@Suite struct ReadmeRuleTableTests {
    struct Row: Equatable, CustomStringConvertible {
        var id: String
        var severity: String
        var category: String
        var summary: String

        var description: String { "| `\(id)` | \(severity) | \(category) | \(summary) |" }
    }

    /// The rows of the guide's table whose header is `| rule | severity | category | checks |`.
    static func tableRows() throws -> [Row] {
        let guide = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("Sources/MMSKit/MMSKit.docc/RuleReference.md"),
            encoding: .utf8)
        let lines = guide.components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| rule | severity | category | checks |"))
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            return Row(
                id: cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")), severity: cells[1],
                category: cells[2], summary: cells[3...].joined(separator: "|"))
        }
    }

    @Test func tableListsExactlyTheRegisteredRules() throws {
        let rows = try Self.tableRows()
        let expected = LintRules.all.map(\.description).map { rule in
            Row(
                id: rule.id.rawValue, severity: rule.defaultSeverity.rawValue, category: rule.category,
                summary: rule.summary)
        }
        #expect(rows.map(\.id) == expected.map(\.id))
        for (row, rule) in zip(rows, expected) {
            #expect(row == rule, "the guide's row differs from the registered rule:\n\(row)\n\(rule)")
        }
    }
}
