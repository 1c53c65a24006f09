/// Escapes untrusted text — template text, file names, the sign name, diagnostics — so that it can only ever be
/// text in an HTML document, never markup.
public enum HTMLEscaping {
    /// `text` safe between tags: `&`, `<`, `>`, `"` and `'` become character references.
    public static func text(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// `text` safe inside a double- or single-quoted attribute value (the same five references as `text(_:)`,
    /// so a quote can never end the value early).
    public static func attribute(_ text: String) -> String {
        Self.text(text)
    }
}
