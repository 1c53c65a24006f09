import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the terminal behind a descriptor can show: colour and redrawn lines only on a real terminal, with
/// `NO_COLOR` unset and `TERM` not `dumb` (a dumb terminal understands neither colours nor erasing a line).
public enum Terminal {
    /// Whether `descriptor` is a terminal that takes ANSI colours and cursor movement.
    public static func isInteractive(_ descriptor: Int32) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(descriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// The width of the terminal behind `descriptor` in columns (80 when it does not say).
    public static func width(_ descriptor: Int32) -> Int {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
