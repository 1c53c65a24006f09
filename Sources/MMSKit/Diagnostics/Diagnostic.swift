/// A located problem found in content: what is wrong, where, and what to do about it.
///
/// Rendered as `file:line:col: error: message [rule-id]`, the shape compilers and editors understand.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        case note
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var severity: Severity
    public var message: String
    public var location: Diagnostic.Location?
    /// Where inside the document, e.g. `content[2][1].data`, or a frame number for a directory.
    public var path: String?
    /// The stable id of the check that found it (`media-type-mismatch`).
    public var ruleID: RuleID?

    public init(
        _ severity: Severity, _ message: String, location: Diagnostic.Location? = nil, path: String? = nil,
        ruleID: RuleID? = nil
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.path = path
        self.ruleID = ruleID
    }

    /// One line for a person: file names and messages that hold control characters (a newline in a file
    /// name, an ESC sequence in a text) are shown escaped, so a diagnostic is always exactly one line.
    public var description: String {
        var text = ""
        if let location { text += "\(DisplayText.escaped(location.description)): " }
        text += "\(severity.rawValue): "
        if let path { text += "\(DisplayText.escaped(path)): " }
        text += DisplayText.escaped(message)
        if let ruleID { text += " [\(ruleID)]" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, then the order they were found in.
    public func sortedByLocation() -> [Diagnostic] {
        enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case let (left?, right?) where left != right: left < right
            case (nil, _?): true
            case (_?, nil): false
            default: lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
