/// A reason a file whose signature looks right is nonetheless truncated or corrupt.
public struct StructuralDefect: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset in the file where the walk found the problem.
    public var offset: Int
    /// What is wrong, in words a user can act on ("truncated: the IEND chunk is missing").
    public var reason: String

    /// A defect at byte `offset` described by `reason`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    /// The reason, with the offset appended unless the reason already names a byte position.
    public var description: String { reason.contains("byte") ? reason : "\(reason) (at byte \(offset))" }
}
