/// A push that cannot be stored: which record and field, and what is wrong, in one line for the 400 answer.
/// Nothing from a request with such an error is stored.
public struct PushPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
