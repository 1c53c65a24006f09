import ArgumentParser
import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command with `--json`: when it fails, the failure is also written to stdout as a JSON object (see
/// `CommandFailure.reportsJSON`), so a script reading stdout learns why.
public protocol JSONReportingCommand: ParsableCommand {
    /// Whether the command was asked for JSON.
    var json: Bool { get }
}

/// Maps library errors to what the user sees on stderr and to the documented exit status, in one place: every
/// command's entry point (`mainWritingHelpThroughStandardOutput`) hands whatever its `run()` throws to
/// `exitStatus(reporting:)`, so commands let library errors propagate instead of wrapping each call.
public enum CommandFailure {
    /// Exit status for content with errors.
    public static let invalidContent = ExitCode(1)
    /// Exit status for a failure of the tool or its environment (including the provider refusing or failing).
    public static let toolFailure = ExitCode(2)

    /// Set for commands run with `--json` (`JSONReportingCommand`): a failure is then also written to stdout as
    /// a JSON object, `{"error": {"status": 2, "message": "…", "diagnostics": […]}}`, so a script reading stdout
    /// learns why.
    @TaskLocal public static var reportsJSON = false

    /// Prints a library's error on stderr (diagnostics as `file:line:col: error: …`, any other error as
    /// `error: …`, escaped) and gives its exit status: 1 for content with errors and for a `ClassifiedFailure`
    /// that puts the fault in the user's input; 2 for a configuration that cannot be used and for every other
    /// `ClassifiedFailure` (a path, libmagic, the network, a provider, the credentials, the journal, the store).
    /// - Parameter error: what a command's `run()` threw.
    /// - Returns: the status to exit with, the error printed; nil for an error that is not a library's
    ///   (argument-parser's own, such as a `ValidationError`, or an `ExitCode` already reported), which
    ///   argument-parser reports as it always does.
    public static func exitStatus(reporting error: any Error) -> ExitCode? {
        switch error {
        case is ExitCode:
            return nil
        case let error as ContentLoadError:
            switch error {
            case .invalid(let content): return exitStatus(reporting: content)
            case .unreadable(let fileSystem): return exitStatus(reporting: fileSystem)
            }
        case let error as ContentError:
            StandardError.print(diagnostics: error.diagnostics)
            return fail(invalidContent, "the content has errors", diagnostics: error.diagnostics)
        case let error as ConfigurationError:
            StandardError.print(diagnostics: error.diagnostics)
            return fail(toolFailure, "the configuration is not valid", diagnostics: error.diagnostics)
        case let error as any ClassifiedFailure:
            // Whose fault it is, as the error itself knows: the user's input (exit 1), or the tool, the provider,
            // the network, the setup (2).
            StandardError.write("error: \(DisplayText.escaped(error.description))\n")
            return fail(error.isContentError ? invalidContent : toolFailure, error.description)
        default:
            return nil
        }
    }

    /// The exit status to throw for a failure, writing it to stdout as JSON first under `reportsJSON`.
    /// - Parameters:
    ///   - status: the exit status.
    ///   - message: what failed, for the JSON object.
    ///   - diagnostics: the diagnostics behind the failure, for the JSON object.
    public static func fail(_ status: ExitCode, _ message: String, diagnostics: [Diagnostic] = []) -> ExitCode {
        guard reportsJSON else { return status }
        struct Failure: Encodable {
            var status: Int32
            var message: String
            var diagnostics: [Diagnostic]
        }
        if let json = try? StandardOutput.json([
            "error": Failure(status: status.rawValue, message: message, diagnostics: diagnostics)
        ]) {
            var text = json + "\n"
            text.withUTF8 { try? AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: STDOUT_FILENO, path: "<stdout>") }
        }
        return status
    }

    /// Prints `message` on stderr as `error: …` (escaped) and gives the tool-failure status (2): for failures a
    /// command finds itself rather than a library error (a server that cannot listen, a missing executable).
    /// - Parameter message: what failed and what to do.
    public static func toolError(_ message: String) -> ExitCode {
        StandardError.write("error: \(DisplayText.escaped(message))\n")
        return fail(toolFailure, message)
    }
}
