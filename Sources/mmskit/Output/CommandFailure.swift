import ArgumentParser
import Foundation
import MMSKit
import MMSKitProviders

/// Maps library errors to what the user sees on stderr and to the documented exit status.
enum CommandFailure {
    /// Exit status for content with errors.
    static let invalidContent = ExitCode(1)
    /// Exit status for a failure of the tool or its environment (including the provider refusing or failing).
    static let toolFailure = ExitCode(2)

    /// `report` for async work (network calls).
    static func reportAsync<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            return try report { throw error }
        }
    }

    /// Runs `body`, printing any library error to stderr and exiting with its status.
    static func report<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ContentError {
            StandardError.print(diagnostics: error.diagnostics)
            throw invalidContent
        } catch let error as FileSystemError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as SnifferError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as ConfigurationError {
            StandardError.print(diagnostics: error.diagnostics)
            throw toolFailure
        } catch let error as IhuyiError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as JPushError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as SendJournalError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as CredentialError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as RecipientListError {
            StandardError.write("error: \(error)\n")
            if case .unreadable = error { throw toolFailure }
            throw invalidContent
        }
    }
}
