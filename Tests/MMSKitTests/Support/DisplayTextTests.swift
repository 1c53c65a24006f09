import Testing

@testable import MMSKit

@Suite struct DisplayTextTests {
    @Test(arguments: [
        ("plain 中文 text", "plain 中文 text"),
        ("a\nb", "a\\nb"),
        ("\u{1B}[31mred\u{1B}[0m", "\\e[31mred\\e[0m"),
        ("bell\u{07}", "bell\\u{7}"),
        ("c1\u{9B}31m", "c1\\u{9B}31m"),
        ("rtl\u{202E}gpj.exe", "rtl\\u{202E}gpj.exe"),
        ("tab\there", "tab\\there"),
        ("del\u{7F}", "del\\u{7F}"),
    ])
    func controlsAreShownEscaped(input: String, expected: String) {
        #expect(DisplayText.escaped(input) == expected)
    }

    @Test func keepingLinesLeavesNewlinesAndTabsOnly() {
        #expect(DisplayText.escaped("a\nb\tc\r\u{1B}", keepingLines: true) == "a\nb\tc\\r\\e")
    }

    @Test func aDiagnosticIsAlwaysOneLine() {
        let diagnostic = Diagnostic(
            .error, "bad\nline", location: Diagnostic.Location(file: "01-a\n::error file=x::pwned.jpg"),
            ruleID: .mediaFormat)
        #expect(!diagnostic.description.contains("\n"))
        #expect(diagnostic.description.contains("01-a\\n::error"))
    }

    @Test(arguments: [("营销彩信-通用", 13), ("abc", 3), ("【星河】", 8), ("e\u{301}", 1), ("", 0)])
    func displayWidthCountsWideCharactersTwice(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func truncationFitsTheColumns() {
        let cut = DisplayWidth.truncated("营销彩信营销彩信", toColumns: 7)
        #expect(DisplayWidth.of(cut) <= 7)
        #expect(cut.hasSuffix("…"))
    }
}
