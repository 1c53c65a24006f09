import Foundation

/// Hides the `user:password@` part of a URL before it is printed, logged or put in an error message: a
/// `--base-url` may carry credentials, and those must never reach a terminal or a log.
public enum URLRedaction {
    /// What replaces the user information.
    public static let placeholder = "<redacted>"

    /// `url` as text, with any user information replaced by `<redacted>`.
    public static func redact(_ url: URL) -> String {
        redact(url.absoluteString)
    }

    /// Text that may be a URL (or not quite one, such as a rejected `--base-url`), with the user information
    /// of its authority (everything before the last `@` between `//` and the path) replaced by `<redacted>`.
    public static func redact(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "//") else { return text }
        let authorityStart = schemeEnd.upperBound
        let authorityEnd = text[authorityStart...].firstIndex { "/?#".contains($0) } ?? text.endIndex
        guard let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") else { return text }
        return String(text[..<authorityStart]) + placeholder + String(text[at...])
    }
}
