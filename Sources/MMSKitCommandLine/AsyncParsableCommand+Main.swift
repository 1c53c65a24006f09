import ArgumentParser

extension AsyncParsableCommand {
    /// `main()` as argument-parser runs it, except that help, `--version` and completion scripts are written
    /// through `StandardOutput`: a stdout that cannot take them (a full disk, a closed descriptor) is exit 2 with
    /// the error on stderr, as for any other result, never 0 with the text lost.
    public static func mainWritingHelpThroughStandardOutput() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .success else { exit(withError: error) }
            let text = fullMessage(for: error)
            do {
                if !text.isEmpty { try StandardOutput.writeRaw(text + "\n") }
            } catch {
                exit(withError: error)
            }
            exit()
        }
    }
}
