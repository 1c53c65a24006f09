import ArgumentParser

extension AsyncParsableCommand {
    /// `main()` as argument-parser runs it, except that help, `--version` and completion scripts are written
    /// through `StandardOutput`: a stdout that cannot take them (a full disk, a closed descriptor) is exit 2 with
    /// the error on stderr, as for any other result, never 0 with the text lost. Whatever a command throws goes
    /// through `CommandFailure.exitStatus(reporting:)`, the one mapping of errors to exit statuses, with failures
    /// also written as JSON for a `JSONReportingCommand` given `--json`.
    public static func mainWritingHelpThroughStandardOutput() async {
        do {
            var command = try await asyncParseAsRoot()
            let json = (command as? any JSONReportingCommand)?.json ?? false
            try await CommandFailure.$reportsJSON.withValue(json) {
                do {
                    if var asyncCommand = command as? AsyncParsableCommand {
                        try await asyncCommand.run()
                    } else {
                        try command.run()
                    }
                } catch {
                    throw CommandFailure.exitStatus(reporting: error) ?? error
                }
            }
        } catch {
            guard exitCode(for: error) == .success else { exit(withError: error) }
            let text = fullMessage(for: error)
            do {
                if !text.isEmpty { try StandardOutput.writeRaw(text + "\n") }
            } catch {
                exit(withError: CommandFailure.exitStatus(reporting: error) ?? error)
            }
            exit()
        }
    }
}
