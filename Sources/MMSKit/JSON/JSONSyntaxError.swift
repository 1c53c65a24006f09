/// Text that is not well-formed JSON, with the position of the first problem.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the first problem is.
    public var position: TextPosition
    /// What is wrong there.
    public var reason: String

    /// An error at `position` saying `reason`.
    public init(position: TextPosition, reason: String) {
        self.position = position
        self.reason = reason
    }

    /// `line:column: reason`.
    public var description: String { "\(position.line):\(position.column): \(reason)" }
}
