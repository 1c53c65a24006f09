import MMSKit

/// The fields of one pushed object, read strictly, by the provider's documented type: a field that identifies a
/// record (`text`) must be non-empty text, where a provider may send a number its digits are accepted; anything
/// else (an object, an array, a boolean, a fraction) refuses the push, naming the field.
protocol PushFields {
    /// A required, non-empty text field.
    func text(_ key: String) throws(PushPayloadError) -> String
    /// An optional text field (absent or null: nil; empty text is kept as it came).
    func optionalText(_ key: String) throws(PushPayloadError) -> String?
    /// A required integer field (a number, or text holding one).
    func integer(_ key: String) throws(PushPayloadError) -> Int
}

/// One object's fields as the full JSON parser read them; errors name the object (`receipt[3]`) and the field.
struct PushObjectFields: PushFields {
    var object: JSONValue
    /// How errors name the object: `receipt`, `receipt[3]`, `data`.
    var name: String

    func text(_ key: String) throws(PushPayloadError) -> String {
        guard let value = try optionalText(key) else { throw PushPayloadError("\(name): \(key) is missing") }
        guard !value.isEmpty else {
            throw PushPayloadError("\(name): \(key) is empty; it identifies the record, so it must hold a value")
        }
        return value
    }

    func optionalText(_ key: String) throws(PushPayloadError) -> String? {
        guard let value = object[key] else { return nil }
        switch value.kind {
        case .null: return nil
        case .string(let text):
            guard !text.value.utf8.contains(0) else {
                throw PushPayloadError(
                    "\(name): \(key) holds a NUL character (\\u0000), which no provider's value holds; nothing was stored"
                )
            }
            return text.value
        case .number(let digits) where Int(digits) != nil: return digits
        default: throw PushPayloadError("\(name): \(key) must be text, not \(value.typeDescription)")
        }
    }

    func integer(_ key: String) throws(PushPayloadError) -> Int {
        guard let value = object[key] else { throw PushPayloadError("\(name): \(key) is missing") }
        switch value.kind {
        case .null: throw PushPayloadError("\(name): \(key) is missing")
        case .number(let digits) where Int(digits) != nil: return Int(digits)!
        case .string(let text) where Int(text.value) != nil: return Int(text.value)!
        default: throw PushPayloadError("\(name): \(key) must be an integer, not \(value.typeDescription)")
        }
    }
}
