import Foundation
import MMSKit

/// Lints exactly what is about to be submitted and stops (exit 1) on errors unless forced.
enum LintGate {
    static func check(_ body: Data, file: String, kind: DocumentKind, sniffer: MediaSniffer, force: Bool, disabled: [String] = []) throws {
        var severities: [String: Diagnostic.Severity?] = [:]
        for id in disabled { severities[id] = .some(nil) }
        let linter = Linter(sniffer: sniffer, configuration: LintConfiguration(ruleSeverities: severities), kind: kind)
        let diagnostics = linter.lint(data: body, file: file).1.map { diagnostic -> Diagnostic in
            // The body is generated: point at the source the user gave, not at a line of generated JSON.
            var located = diagnostic
            located.location = Diagnostic.Location(file: file)
            return located
        }
        StandardError.print(diagnostics: diagnostics)
        if diagnostics.containsErrors {
            if force {
                StandardError.write("warning: submitting despite lint errors (--force)\n")
            } else {
                StandardError.write("not submitted: fix the errors above, or pass --force\n")
                throw CommandFailure.invalidContent
            }
        }
    }
}
