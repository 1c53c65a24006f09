/// A line of a phone list that holds no valid number.
public struct InvalidRecipientLine: Sendable, Hashable, CustomStringConvertible {
    /// The 1-based line number in the file.
    public var line: Int
    /// The line's text, trimmed and shortened to about 40 characters (invalid UTF-8 shown as U+FFFD).
    public var text: String
    /// Why the line was rejected.
    public var reason: String

    /// The invalid line `line`, its shortened `text`, and why it was rejected.
    public init(line: Int, text: String, reason: String) {
        self.line = line
        self.text = text
        self.reason = reason
    }

    /// `line N: "text": reason`.
    public var description: String { "line \(line): \"\(text)\": \(reason)" }
}
