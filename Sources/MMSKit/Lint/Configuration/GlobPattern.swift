import Foundation

/// A path pattern: `*` matches within a path component, `**` across components, `?` one character,
/// `[abc]` a set. Matched against paths with `/` separators and no leading `./`.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let regex: NSRegularExpression

    /// Compiles `pattern` (a leading `./` is dropped); throws when it cannot be compiled.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var expression = "^"
        var characters = Array(pattern.hasPrefix("./") ? String(pattern.dropFirst(2)) : pattern)
        if characters.last == "/" { characters.append(contentsOf: "**") }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    index += 1
                    if index + 1 < characters.count, characters[index + 1] == "/" {
                        index += 1
                        expression += "(?:.*/)?"
                    } else {
                        expression += ".*"
                    }
                } else {
                    expression += "[^/]*"
                }
            case "?": expression += "[^/]"
            case "[":
                if let close = characters[index...].firstIndex(of: "]"), close > index + 1 {
                    var set = String(characters[(index + 1)..<close])
                    if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                    expression += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    index = close
                } else {
                    expression += "\\["
                }
            default:
                expression += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        regex = try NSRegularExpression(pattern: expression + "$")
    }

    /// Whether `path` (or any of its parent directories) matches.
    public func matches(_ path: String) -> Bool {
        var candidate = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        while true {
            if regex.firstMatch(in: candidate, range: NSRange(candidate.startIndex..., in: candidate)) != nil {
                return true
            }
            guard let slash = candidate.lastIndex(of: "/") else { return false }
            candidate = String(candidate[..<slash])
        }
    }

    /// Whether `path` itself (not a parent) matches.
    public func matchesExactly(_ path: String) -> Bool {
        let candidate = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return regex.firstMatch(in: candidate, range: NSRange(candidate.startIndex..., in: candidate)) != nil
    }

    /// Whether text has glob metacharacters.
    public static func isPattern(_ text: String) -> Bool {
        text.contains { "*?[".contains($0) }
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Two patterns are equal when written the same.
    public static func == (lhs: GlobPattern, rhs: GlobPattern) -> Bool { lhs.pattern == rhs.pattern }
    /// Hashes the pattern as written.
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}
