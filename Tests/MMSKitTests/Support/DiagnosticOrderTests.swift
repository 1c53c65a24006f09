import Foundation
import Testing

@testable import MMSKit

/// One order for diagnostics everywhere: file, line, column, rule id, message; unknown before known.
@Suite struct DiagnosticOrderTests {
    static func at(
        _ file: String?, _ line: Int? = nil, _ column: Int? = nil, _ rule: RuleID? = nil, _ message: String = "m"
    ) -> Diagnostic {
        Diagnostic(
            .error, message, location: file.map { Diagnostic.Location(file: $0, line: line, column: column) },
            ruleID: rule)
    }

    @Test func sortsByFileLineColumnRuleAndMessage() {
        let ordered = [
            Self.at(nil),
            Self.at("a.json"),
            Self.at("a.json", 2),
            Self.at("a.json", 2, 5),
            Self.at("a.json", 2, 5, .frameItems, "a"),
            Self.at("a.json", 2, 5, .frameItems, "b"),
            Self.at("a.json", 2, 5, .title),
            Self.at("a.json", 2, 30),
            Self.at("a.json", 10, 1),
            Self.at("b.json", 1, 1),
        ]
        #expect(ordered.reversed().sorted() == ordered)
        #expect(ordered.shuffled().sortedByLocation() == ordered)
    }

    @Test func linterOutputIsInTheOneOrder() throws {
        let json = RuleExamples.template(
            content:
                #"[[{"con_type": "text", "ext_type": "txt", "data": "新品 www.example.com"}], [{"con_type": "text", "ext_type": "txt", "data": "a"}, {"con_type": "text", "ext_type": "txt", "data": "b"}]]"#
        )
        let diagnostics = Linter(sniffer: Fixtures.sniffer).lint(data: Data(json.utf8), file: "t.json").diagnostics
        #expect(diagnostics.count > 2)
        #expect(diagnostics == diagnostics.sorted())
    }
}
