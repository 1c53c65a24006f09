import Foundation
import Testing

@testable import MMSKit

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONParser().parse(Data(text.utf8))
    }

    @Test func recordsLineAndColumnOfEveryValue() throws {
        let value = try parse("{\n  \"标题\": \"春\",\n  \"list\": [1, true, null]\n}")
        let members = try #require(value.objectValue)
        #expect(members[0].keyPosition.line == 2)
        #expect(members[0].keyPosition.column == 3)
        #expect(members[0].value.position.line == 2)
        #expect(members[0].value.position.column == 9)  // counted in characters, not bytes
        let list = try #require(members[1].value.arrayValue)
        #expect(list[1].position.line == 3)
        #expect(list[1].position.column == 15)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try parse(#"["a\/b\n\u4e2d\ud83d\ude00\"\\"]"#)
        #expect(value.arrayValue?.first?.stringValue == "a/b\n中😀\"\\")
    }

    @Test(arguments: [
        ("[1,]", "trailing comma", 1, 4),
        ("{\"a\" 1}", "expected ':'", 1, 6),
        ("[\"abc", "unterminated string", 1, 6),
        ("[01]", "leading zeros", 1, 3),
        ("[1]\n x", "after the end", 2, 2),
        ("[\"a\nb\"]", "raw line break", 1, 4),
        ("[\"\\ud800\"]", "lone high surrogate", 1, 9),
        ("[\"\\q\"]", "invalid escape", 1, 4),
        ("[tru]", "did you mean 'true'", 1, 2),
        ("", "unexpected end of file", 1, 1),
    ])
    func reportsSyntaxErrorsWithPositions(text: String, reason: String, line: Int, column: Int) {
        do {
            _ = try parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason.contains(reason), "\(error.reason)")
            #expect(error.position.line == line)
            #expect(error.position.column == column)
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        var bytes = Array("[\"ab".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\"]".utf8)
        #expect(throws: JSONSyntaxError.self) { try JSONParser().parse(Data(bytes)) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        do {
            _ = try parse(deep)
            Issue.record("accepted 10,000 levels")
        } catch {
            #expect(error.reason.contains("deeper than 128"))
        }
        #expect(throws: Never.self) {
            try JSONParser(maximumDepth: 200).parse(
                Data((String(repeating: "[", count: 150) + String(repeating: "]", count: 150)).utf8))
        }
    }

    @Test func keepsNumbersAsWritten() throws {
        let value = try parse("[12345678901234567890, -0.5e10]")
        guard case .number(let big) = value.arrayValue?[0].kind, case .number(let small) = value.arrayValue?[1].kind
        else {
            Issue.record("numbers not parsed")
            return
        }
        #expect(big == "12345678901234567890")
        #expect(small == "-0.5e10")
    }
}
