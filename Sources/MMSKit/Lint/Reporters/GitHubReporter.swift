/// GitHub Actions workflow commands (`::error file=…,line=…::message`) that annotate the diff, then a summary.
public struct GitHubReporter: LintReporter {
    /// The `--format` name.
    public static let identifier = "github"

    /// The reporter; it has no options.
    public init() {}

    /// One workflow command per diagnostic (one without a location points at its file), then the summary line.
    public func generateReport(_ report: LintReport) -> String {
        var lines: [String] = []
        for file in report.files {
            for diagnostic in file.locatedDiagnostics {
                lines.append(command(for: diagnostic, file: file))
            }
        }
        lines.append(report.summaryLine)
        return lines.map { $0 + "\n" }.joined()
    }

    private func command(for diagnostic: Diagnostic, file: LintReport.File) -> String {
        let name =
            switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .note: "notice"
            }
        let location = diagnostic.location ?? Diagnostic.Location(file: file.path)
        let file = DisplayText.escaped(location.file.withoutLeadingCurrentDirectory, keepingLines: true)
        var properties = ["file=\(Self.escapeProperty(file))"]
        if let line = location.line {
            properties.append("line=\(line)")
            if let column = location.column { properties.append("col=\(column)") }
        }
        properties.append("title=\(Self.escapeProperty(diagnostic.ruleID.map { "mmskit \($0)" } ?? "mmskit"))")
        let message = diagnostic.path.map { "\($0): \(diagnostic.message)" } ?? diagnostic.message
        return
            "::\(name) \(properties.joined(separator: ","))::\(Self.escapeData(DisplayText.escaped(message, keepingLines: true)))"
    }

    /// Escapes a command's message: `%`, CR and LF.
    static func escapeData(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Escapes a property value: as for the message, and also `:` and `,`, which delimit properties.
    static func escapeProperty(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": escaped += "%25"
            case "\r": escaped += "%0D"
            case "\n": escaped += "%0A"
            case ":": escaped += "%3A"
            case ",": escaped += "%2C"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
