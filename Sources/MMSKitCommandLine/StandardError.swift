import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Diagnostics and progress go to stderr; results go to stdout.
public enum StandardError {
    /// Writes `text` with every control character other than newline and tab escaped (`DisplayText`), so that
    /// nothing that reaches stderr from a file name or a provider can act on the terminal.
    public static func write(_ text: String) {
        writeRaw(DisplayText.escaped(text, keepingLines: true))
    }

    /// Writes `text` as it is: only for mmskit's own colours and line redraws around text already escaped.
    public static func writeRaw(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal that wants colour (`NO_COLOR` unset, `TERM` not dumb).
    public static var usesColour: Bool { Terminal.isInteractive(STDERR_FILENO) }

    /// Prints diagnostics as `file:line:col: severity: message [rule]`, then a count line.
    public static func print(diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let colour = usesColour
        var text = ""
        for diagnostic in diagnostics {
            var line = diagnostic.description
            if colour {
                let code = diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36"
                line = line.replacingOccurrences(
                    of: " \(diagnostic.severity.rawValue): ",
                    with: " \u{1B}[1;\(code)m\(diagnostic.severity.rawValue)\u{1B}[0m: ")
            }
            text += line + "\n"
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        text += "\(Plural.count(errors, "error")), \(Plural.count(warnings, "warning"))\n"
        writeRaw(text)
    }
}
