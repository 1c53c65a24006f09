/// Text that is not well-formed JSON, with the position of the first problem.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: TextPosition
    public var reason: String

    public init(position: TextPosition, reason: String) {
        self.position = position
        self.reason = reason
    }

    public var description: String { "\(position.line):\(position.column): \(reason)" }
}
