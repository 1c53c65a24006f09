/// One entry of a batch body's `phone` list, parsed once.
public struct DocumentRecipient: Sendable {
    /// Index in the `phone` array.
    public var index: Int
    public var value: JSONValue
    public var raw: String
    /// The normalised number, or why the entry is not one.
    public var number: Result<PhoneNumber, PhoneNumber.Problem>

    public init(index: Int, value: JSONValue, raw: String) {
        self.index = index
        self.value = value
        self.raw = raw
        number = Result { () throws(PhoneNumber.Problem) in try PhoneNumber(raw) }
    }
}
