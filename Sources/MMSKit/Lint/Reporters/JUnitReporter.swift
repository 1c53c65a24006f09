/// JUnit XML for CI test-report views: one test suite per file, one test case per diagnostic.
///
/// Errors and warnings are failures; notes are passing cases that carry their text in `<system-out>`;
/// a file without diagnostics is a single passing `lint` case.
public struct JUnitReporter: LintReporter {
    /// The `--format` name.
    public static let identifier = "junit"

    /// The reporter; it has no options.
    public init() {}

    /// The report as a JUnit XML document.
    public func generateReport(_ report: LintReport) -> String {
        var suites: [String] = []
        var totalTests = 0
        var totalFailures = 0
        for file in report.files {
            let name = Self.escape(file.path)
            var cases: [String] = []
            var failures = 0
            for diagnostic in file.locatedDiagnostics {
                let opening = "    <testcase classname=\"\(name)\" name=\"\(Self.escape(caseName(for: diagnostic)))\">"
                let text = Self.escape(diagnostic.description)
                switch diagnostic.severity {
                case .error, .warning:
                    failures += 1
                    let message = diagnostic.path.map { "\($0): \(diagnostic.message)" } ?? diagnostic.message
                    cases.append(opening)
                    cases.append(
                        "      <failure type=\"\(diagnostic.severity.rawValue)\" message=\"\(Self.escape(message))\">"
                            + "\(text)</failure>")
                    cases.append("    </testcase>")
                case .note:
                    cases.append(opening)
                    cases.append("      <system-out>\(text)</system-out>")
                    cases.append("    </testcase>")
                }
            }
            var tests = file.diagnostics.count
            if file.diagnostics.isEmpty {
                tests = 1
                cases.append("    <testcase classname=\"\(name)\" name=\"lint\"/>")
            }
            totalTests += tests
            totalFailures += failures
            suites.append("  <testsuite name=\"\(name)\" tests=\"\(tests)\" failures=\"\(failures)\">")
            suites.append(contentsOf: cases)
            suites.append("  </testsuite>")
        }
        let lines =
            [
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<testsuites name=\"mmskit lint\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"0\">",
            ] + suites + ["</testsuites>"]
        return lines.map { $0 + "\n" }.joined()
    }

    /// `rule-id at line:col`, with what is known (the severity stands in for a missing rule id).
    private func caseName(for diagnostic: Diagnostic) -> String {
        var name = diagnostic.ruleID?.rawValue ?? diagnostic.severity.rawValue
        if let line = diagnostic.location?.line {
            name += " at \(line)"
            if let column = diagnostic.location?.column { name += ":\(column)" }
        }
        return name
    }

    /// Escapes text for XML 1.0 attribute values and character data alike: markup characters become entities,
    /// tab/CR/LF become character references (so attribute normalisation keeps them), and characters XML 1.0
    /// cannot carry at all (most C0 controls, U+FFFE, U+FFFF) are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t": escaped += "&#9;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
