import ArgumentParser
import Foundation
import MMSKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors that mean the tool or its environment failed — a path, libmagic, the network, the provider, the
/// credentials, the journal — rather than the user's content: printed as `error: …`, exit status 2.
public protocol ToolFailureError: Error, CustomStringConvertible {}

extension FileSystemError: ToolFailureError {}
extension SnifferError: ToolFailureError {}

/// Maps library errors to what the user sees on stderr and to the documented exit status.
public enum CommandFailure {
    /// Exit status for content with errors.
    public static let invalidContent = ExitCode(1)
    /// Exit status for a failure of the tool or its environment (including the provider refusing or failing).
    public static let toolFailure = ExitCode(2)

    /// Set by commands run with `--json`: a failure is then also written to stdout as a JSON object,
    /// `{"error": {"status": 2, "message": "…", "diagnostics": […]}}`, so a script reading stdout learns why.
    @TaskLocal public static var reportsJSON = false

    /// Runs `body`, printing any library error to stderr and exiting with its status.
    public static func report<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ContentLoadError {
            let underlying: any Error =
                switch error {
                case .invalid(let content): content
                case .unreadable(let fileSystem): fileSystem
                }
            return try report { () throws -> Result in throw underlying }
        } catch let error as ContentError {
            StandardError.print(diagnostics: error.diagnostics)
            throw fail(invalidContent, "the content has errors", diagnostics: error.diagnostics)
        } catch let error as ConfigurationError {
            StandardError.print(diagnostics: error.diagnostics)
            throw fail(toolFailure, "the configuration is not valid", diagnostics: error.diagnostics)
        } catch let error as any ClassifiedFailure {
            // Any provider's failure (and any other that knows whose fault it is): the user's input (exit 1), or
            // the provider, the network, the setup (2).
            StandardError.write("error: \(DisplayText.escaped(error.description))\n")
            throw fail(error.isContentError ? invalidContent : toolFailure, error.description)
        } catch let error as any ToolFailureError {
            StandardError.write("error: \(DisplayText.escaped(error.description))\n")
            throw fail(toolFailure, error.description)
        }
    }

    /// The exit status to throw for a failure, writing it to stdout as JSON first under `reportsJSON`.
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
    public static func toolError(_ message: String) -> ExitCode {
        StandardError.write("error: \(DisplayText.escaped(message))\n")
        return fail(toolFailure, message)
    }

    /// `report` for async work (network calls).
    public static func reportAsync<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            return try report { throw error }
        }
    }
}
