/// One entry of a batch body's `phone` list, parsed once.
public struct DocumentRecipient: Sendable {
    /// Index in the `phone` array.
    public var index: Int
    /// The entry's JSON value, for its position.
    public var value: JSONValue
    /// The entry's text as written.
    public var raw: String
    /// The normalised number, or why the entry is not one.
    public var number: Result<PhoneNumber, PhoneNumber.Problem>

    /// The entry at `index`, its number parsed from `raw`.
    public init(index: Int, value: JSONValue, raw: String) {
        self.index = index
        self.value = value
        self.raw = raw
        number = Result { () throws(PhoneNumber.Problem) in try PhoneNumber(raw) }
    }
}
