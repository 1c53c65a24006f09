/// A push that cannot be stored: which record and field, and what is wrong, in one line for the 400 answer.
/// Nothing from a request with such an error is stored.
public struct PushPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which record and field, and what is wrong with it.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
