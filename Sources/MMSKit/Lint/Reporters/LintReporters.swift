/// The report formats `mmskit lint --format` offers, by identifier.
public enum LintReporters {
    /// Every `--format` name, in the order help text lists them.
    public static let identifiers: [String] = [
        TextReporter.identifier,
        JSONReporter.identifier,
        SARIFReporter.identifier,
        GitHubReporter.identifier,
        JUnitReporter.identifier,
    ]

    /// The reporter for a `--format` name, or `nil` when there is none.
    /// - Parameters:
    ///   - identifier: The `--format` name: `text`, `json`, `sarif`, `github` or `junit`.
    ///   - colour: Whether the text format may use ANSI colour (the caller decides from TTY and `NO_COLOR`).
    ///   - toolVersion: The mmskit version SARIF names as its tool.
    public static func reporter(for identifier: String, colour: Bool, toolVersion: String) -> (any LintReporter)? {
        switch identifier {
        case TextReporter.identifier: TextReporter(colour: colour)
        case JSONReporter.identifier: JSONReporter()
        case SARIFReporter.identifier: SARIFReporter(toolVersion: toolVersion)
        case GitHubReporter.identifier: GitHubReporter()
        case JUnitReporter.identifier: JUnitReporter()
        default: nil
        }
    }
}

extension LintReport {
    /// `2 errors, 1 warning, 0 notes in 3 files`, or `no problems in 3 files`.
    public var summaryLine: String {
        func counted(_ count: Int, _ noun: String) -> String { Plural.count(count, noun) }
        let errors = count(of: .error)
        let warnings = count(of: .warning)
        let notes = count(of: .note)
        let files = counted(self.files.count, "file")
        if errors + warnings + notes == 0 { return "no problems in \(files)" }
        return "\(counted(errors, "error")), \(counted(warnings, "warning")), \(counted(notes, "note")) in \(files)"
    }
}

extension LintReport.File {
    /// The diagnostics, each with a location: those that have none point at this file.
    var locatedDiagnostics: [Diagnostic] {
        diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.location == nil { diagnostic.location = Diagnostic.Location(file: path) }
            return diagnostic
        }
    }
}

extension String {
    /// The path without leading `./` segments (`./a/b` → `a/b`), as code-scanning tools match repository paths.
    var withoutLeadingCurrentDirectory: String {
        var path = Substring(self)
        while path.hasPrefix("./") {
            path = path.dropFirst(2).drop { $0 == "/" }
        }
        return String(path)
    }
}
