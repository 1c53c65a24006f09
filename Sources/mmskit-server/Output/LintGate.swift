import ArgumentParser
import Foundation
import MMSKit
import MMSKitCommandLine
import MMSKitProviders

/// The lint in front of `template create` and `send`: lints exactly what is about to be submitted, with the
/// settings `mmskit lint` would use, and stops (exit 1) on errors unless forced.
struct LintGate: ParsableArguments {
    @OptionGroup var configurationOptions: LintConfigurationOptions

    @Flag(
        help:
            "Submit even when the lint finds errors in the request. Media that cannot be used at all (a wrong format, a broken file) always stops it."
    )
    var force = false

    /// Loads the content at `path`; media errors stop here whatever --force says, and say so.
    func load(_ path: String, sniffer: MediaSniffer) throws -> ContentAnalysis {
        do {
            return try ContentLoader(sniffer: sniffer).load(path)
        } catch .invalid(let error) where force {
            StandardError.print(diagnostics: error.diagnostics)
            StandardError.write(
                "not submitted: --force passes lint errors in the request, not media that cannot be sent; fix the files above\n"
            )
            throw CommandFailure.fail(
                CommandFailure.invalidContent, "not submitted: the media cannot be sent", diagnostics: error.diagnostics
            )
        }
    }

    /// Lints a provider's request body as it will be sent, with the rules that do not apply yet turned off.
    func check(_ target: LintTarget, file: String, sniffer: MediaSniffer) throws {
        try check(target.body, file: file, kind: target.kind, sniffer: sniffer, disabled: target.disabledRules)
    }

    /// Lints `body`, with the rules in `disabled` turned off (the parts of a request that are filled in later).
    func check(_ body: Data, file: String, kind: DocumentKind, sniffer: MediaSniffer, disabled: [RuleID] = []) throws {
        var configuration = try configurationOptions.load()
        for id in disabled { configuration.ruleSeverities[id] = .some(nil) }
        let linter = Linter(sniffer: sniffer, configuration: configuration, kind: kind)
        let diagnostics = linter.lint(data: body, file: file).diagnostics.map { diagnostic -> Diagnostic in
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
                throw CommandFailure.fail(
                    CommandFailure.invalidContent, "not submitted: the request has lint errors",
                    diagnostics: diagnostics)
            }
        }
    }
}
