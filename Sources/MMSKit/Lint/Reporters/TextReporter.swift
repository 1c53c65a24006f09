/// Compiler-style lines, `file:line:col: severity: [path: ]message [rule-id]`, then a summary line.
public struct TextReporter: LintReporter {
    /// The `--format` name, the default.
    public static let identifier = "text"

    /// Whether to colour the severity word with ANSI escapes (bold red, yellow, cyan).
    public var colour: Bool

    /// A reporter that colours the severity words when `colour` is true.
    public init(colour: Bool = false) {
        self.colour = colour
    }

    /// One line per diagnostic, then a summary line.
    public func generateReport(_ report: LintReport) -> String {
        var lines: [String] = []
        for file in report.files {
            for diagnostic in file.locatedDiagnostics {
                lines.append(colour ? coloured(diagnostic) : diagnostic.description)
            }
        }
        lines.append(report.summaryLine)
        return lines.map { $0 + "\n" }.joined()
    }

    /// The plain description with only the severity word wrapped in an ANSI colour.
    private func coloured(_ diagnostic: Diagnostic) -> String {
        let text = diagnostic.description
        let prefix = diagnostic.location.map { "\($0): " } ?? ""
        let word = diagnostic.severity.rawValue
        guard text.hasPrefix(prefix + word + ":") else { return text }
        let code =
            switch diagnostic.severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        let rest = text.dropFirst(prefix.count + word.count)
        return "\(prefix)\u{1B}[1;\(code)m\(word)\u{1B}[0m\(rest)"
    }
}
