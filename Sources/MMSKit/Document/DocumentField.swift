/// A top-level field of a request body (`title`, `phone`, …) with where it stands.
public struct DocumentField: Sendable {
    /// The field's key.
    public var name: String
    /// The field's value, as parsed.
    public var value: JSONValue
    /// Where the value is (for a directory: its manifest).
    public var location: Diagnostic.Location
}
