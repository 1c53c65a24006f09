import ArgumentParser
import Foundation
import MMSKit
import MMSKitProviders

/// Errors that mean the tool or its environment failed — a path, libmagic, the network, the provider, the
/// credentials, the journal — rather than the user's content: printed as `error: …`, exit status 2.
protocol ToolFailureError: Error, CustomStringConvertible {}

extension FileSystemError: ToolFailureError {}
extension SnifferError: ToolFailureError {}
extension IhuyiError: ToolFailureError {}
extension JPushError: ToolFailureError {}
extension SendJournalError: ToolFailureError {}
extension CredentialError: ToolFailureError {}

/// Maps library errors to what the user sees on stderr and to the documented exit status.
enum CommandFailure {
    /// Exit status for content with errors.
    static let invalidContent = ExitCode(1)
    /// Exit status for a failure of the tool or its environment (including the provider refusing or failing).
    static let toolFailure = ExitCode(2)

    /// Runs `body`, printing any library error to stderr and exiting with its status.
    static func report<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ContentError {
            StandardError.print(diagnostics: error.diagnostics)
            throw invalidContent
        } catch let error as ConfigurationError {
            StandardError.print(diagnostics: error.diagnostics)
            throw toolFailure
        } catch let error as RecipientListError {
            StandardError.write("error: \(error)\n")
            if case .unreadable = error { throw toolFailure }
            throw invalidContent
        } catch let error as JPushError where error.isContentError {
            StandardError.write("error: \(error)\n")
            throw invalidContent
        } catch let error as any ToolFailureError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        }
    }

    /// `report` for async work (network calls).
    static func reportAsync<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            return try report { throw error }
        }
    }
}
