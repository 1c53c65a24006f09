/// A top-level field of a request body (`title`, `phone`, …) with where it stands.
public struct DocumentField: Sendable {
    public var name: String
    public var value: JSONValue
    /// Where the value is (for a directory: its manifest).
    public var location: Diagnostic.Location
}
