/// A parsed JSON value that remembers where it stood in the source, so every diagnostic can point at it.
public struct JSONValue: Sendable {
    /// The value's type, with its contents.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number as written (kept as text so that huge or precise numbers are not rounded).
        case number(String)
        case string(JSONString)
        case array([JSONValue])
        /// Members in source order; duplicate keys are kept so a linter can report them.
        case object([JSONMember])
    }

    /// What the value is, with its contents.
    public var kind: Kind
    /// Where the value starts.
    public var position: TextPosition

    /// A value of `kind` starting at `position`.
    public init(_ kind: Kind, at position: TextPosition) {
        self.kind = kind
        self.position = position
    }

    /// A word for the value's type in messages ("a string", "an array").
    public var typeDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The text of a string; `nil` for any other value.
    public var stringValue: String? {
        if case .string(let value) = kind { value.value } else { nil }
    }

    /// The string payload without turning it into text (for long base64 values).
    public var jsonString: JSONString? {
        if case .string(let value) = kind { value } else { nil }
    }

    /// The elements of an array; `nil` for any other value.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = kind { value } else { nil }
    }

    /// The members of an object, in source order, duplicates kept; `nil` for any other value.
    public var objectValue: [JSONMember]? {
        if case .object(let value) = kind { value } else { nil }
    }

    /// The value of `key` in an object; with a duplicate key, the last one, which is the one most parsers
    /// (JavaScript's, Python's, Go's, Java's Jackson/fastjson) and so most likely the provider use.
    public subscript(key: String) -> JSONValue? {
        objectValue?.last { $0.key == key }?.value
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable {
    /// The member's key, unescaped.
    public var key: String
    /// Where the key starts.
    public var keyPosition: TextPosition
    /// The member's value.
    public var value: JSONValue

    /// A member `key` at `keyPosition` with `value`.
    public init(key: String, keyPosition: TextPosition, value: JSONValue) {
        self.key = key
        self.keyPosition = keyPosition
        self.value = value
    }
}
