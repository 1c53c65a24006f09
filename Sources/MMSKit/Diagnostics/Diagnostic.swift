/// A located problem found in content: what is wrong, where, and what to do about it.
///
/// Rendered as `file:line:col: error: message [rule-id]`, the shape compilers and editors understand.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a diagnostic is, from `note` to `error`; errors fail a lint (warnings too with `--strict`).
    public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
        /// Information: never fails anything.
        case note
        /// Worth fixing; fails a lint only with `--strict`.
        case warning
        /// The content cannot be used as it is: fails a lint, a build or a send.
        case error

        /// Orders severities from the mildest (`note`) to the most serious (`error`).
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// How serious the problem is (a configuration may change a rule's severity).
    public var severity: Severity
    /// What is wrong and what to do about it, for a person to read.
    public var message: String
    /// The file and, when known, line and column the problem is at; `nil` when it concerns no file.
    public var location: Diagnostic.Location?
    /// Where inside the document, e.g. `content[2][1].data`, or a frame number for a directory.
    public var path: String?
    /// The stable id of the check that found it (`media-type-mismatch`).
    public var ruleID: RuleID?

    /// A diagnostic of `severity` saying `message`, optionally located and attributed to a rule.
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

    /// Sorted in the one diagnostic order (see `Diagnostic.<`); the same as `sorted()`.
    public func sortedByLocation() -> [Diagnostic] {
        sorted()
    }
}

extension Diagnostic: Comparable {
    /// The one order of diagnostics, used by the linter and the builder (reporters print a report in the order
    /// it holds): file, line, column, rule id, then message (severity and JSON path break the remaining ties).
    /// What is unknown sorts before what is known: a diagnostic without a location comes first, a finding about
    /// a whole file precedes those on its lines, and one without a rule id precedes those with one.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if let order = unknownFirst(lhs.location?.file, rhs.location?.file) { return order }
        if let order = unknownFirst(lhs.location?.line, rhs.location?.line) { return order }
        if let order = unknownFirst(lhs.location?.column, rhs.location?.column) { return order }
        if let order = unknownFirst(lhs.ruleID, rhs.ruleID) { return order }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        if lhs.severity != rhs.severity { return lhs.severity > rhs.severity }
        return (lhs.path ?? "") < (rhs.path ?? "")
    }

    /// Whether `lhs` comes first when the two differ (unknown before known), or nil when they are equal.
    private static func unknownFirst<Value: Comparable>(_ lhs: Value?, _ rhs: Value?) -> Bool? {
        switch (lhs, rhs) {
        case let (left?, right?): left == right ? nil : left < right
        case (nil, nil): nil
        case (_?, nil): false
        case (nil, _?): true
        }
    }
}
