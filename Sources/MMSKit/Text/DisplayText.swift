/// Text from outside — a file name, a provider's message or product name, a line of a phone list — made safe to
/// print for a person: control characters are shown as escapes instead of acting on the terminal or the log.
/// An ESC sequence cannot recolour, move the cursor or retitle the window; a newline in a file name cannot start
/// a line of its own (where it could forge a GitHub Actions `::error` command); bidirectional overrides cannot
/// reorder what is shown.
public enum DisplayText {
    /// `text` with C0 and C1 control characters, DEL, line and paragraph separators and bidirectional controls
    /// written as `\n`, `\r`, `\t`, `\e` or `\u{XXXX}`; with `keepingLines`, LF and tab are left as they are
    /// (for whole outputs whose lines were made by mmskit, not for values inside them).
    public static func escaped(_ text: String, keepingLines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLines: keepingLines) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLines: keepingLines) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{1B}": result += "\\e"
            default: result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return result
    }

    /// Whether a scalar would act on a terminal or a log rather than show as itself.
    static func needsEscape(_ scalar: Unicode.Scalar, keepingLines: Bool) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: !keepingLines
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
