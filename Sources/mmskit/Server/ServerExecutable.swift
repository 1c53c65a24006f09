import Foundation
import MMSKitCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mmskit-server`, the executable beside `mmskit` that links the receiver and the store. `mmskit` replaces
/// itself with it (`execv`) for the receipts commands, so signals, stdin, stdout and the exit status are the
/// server's own, and a user who only builds and lints content never loads NIO, GRDB or PostgresNIO.
enum ServerExecutable {
    /// Where it is: `$MMSKIT_SERVER`, else beside this executable, else on `PATH`.
    static func location() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment[ServerCommandHelp.executableVariable], !path.isEmpty { return path }
        let name = ServerCommandHelp.executableName
        if let own = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let sibling = own.deletingLastPathComponent().appendingPathComponent(name).path
            if access(sibling, X_OK) == 0 { return sibling }
        }
        for directory in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs `mmskit-server ARGUMENTS…` in place of this process; returns only by throwing when it cannot.
    static func replaceProcess(arguments: [String]) throws -> Never {
        guard let path = location() else {
            StandardError.write(
                "error: \(ServerCommandHelp.executableName) was not found beside mmskit or on PATH: it runs the "
                    + "receipts commands. Build it with `swift build --product \(ServerCommandHelp.executableName)` "
                    + "(`swift build` builds both), or set \(ServerCommandHelp.executableVariable) to its path\n")
            throw CommandFailure.fail(CommandFailure.toolFailure, "\(ServerCommandHelp.executableName) not found")
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        let reason = String(cString: strerror(errno))
        throw CommandFailure.toolError("cannot start \(path): \(reason)")
    }
}
