import ArgumentParser
import Foundation
import MMSKit

/// Maps library errors to what the user sees on stderr and to the documented exit status.
enum CommandFailure {
    /// Exit status for content with errors.
    static let invalidContent = ExitCode(1)
    /// Exit status for a failure of the tool or its environment.
    static let toolFailure = ExitCode(2)

    /// Runs `body`, printing any library error to stderr and exiting with its status.
    static func report<Result>(_ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch let error as ContentError {
            StandardError.print(diagnostics: error.diagnostics)
            throw invalidContent
        } catch let error as FileSystemError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        } catch let error as SnifferError {
            StandardError.write("error: \(error)\n")
            throw toolFailure
        }
    }
}
