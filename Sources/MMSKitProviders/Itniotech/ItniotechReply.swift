import Foundation

/// An itniotech answer read strictly: numbers arrive as strings and must be whole (or decimal) numbers, and a
/// field that is missing or is not one is an error that names it.
struct ItniotechReply {
    let endpoint: String
    let object: [String: Any]

    init(endpoint: String, object: [String: Any]) {
        self.endpoint = endpoint
        self.object = object
    }

    /// The integer at `key` of `object` (a string of digits, or a JSON integer), `field` naming it in errors.
    func integer(_ key: String, in object: [String: Any]? = nil, field: String? = nil) throws(ItniotechError) -> Int {
        let value = (object ?? self.object)[key]
        if let text = value as? String, let number = Int(text.trimmingCharacters(in: .whitespaces)) { return number }
        if let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue == number.doubleValue.rounded(),
            let exact = Int(exactly: number.doubleValue)
        {
            return exact
        }
        throw .badField(endpoint: endpoint, field: field ?? key, value: Self.show(value))
    }

    /// The decimal number at `key` (a string such as "12.3400", or a JSON number).
    func decimal(_ key: String) throws(ItniotechError) -> Double {
        let value = object[key]
        if let text = value as? String, let number = Double(text.trimmingCharacters(in: .whitespaces)),
            number.isFinite
        {
            return number
        }
        if let number = value as? NSNumber, !Self.isBoolean(number), number.doubleValue.isFinite {
            return number.doubleValue
        }
        throw .badField(endpoint: endpoint, field: key, value: Self.show(value))
    }

    /// The text at `key`; `optional` fields may be absent (then empty).
    func text(
        _ key: String, in object: [String: Any]? = nil, field: String? = nil, optional: Bool = false
    )
        throws(ItniotechError) -> String
    {
        let value = (object ?? self.object)[key]
        if let text = value as? String { return text }
        if let number = value as? NSNumber, !Self.isBoolean(number) { return number.stringValue }
        if optional && (value == nil || value is NSNull) { return "" }
        throw .badField(endpoint: endpoint, field: field ?? key, value: Self.show(value))
    }

    private static func isBoolean(_ number: NSNumber) -> Bool {
        // JSON true and false arrive as NSNumbers of type char ("c"); JSON numbers never do.
        String(cString: number.objCType) == "c"
    }

    /// A value as it appeared, for error messages (cut to 40 characters).
    static func show(_ value: Any?) -> String {
        switch value {
        case nil: return "(missing)"
        case is NSNull: return "null"
        case let text as String: return "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
        case let number as NSNumber: return number.stringValue
        default: return "a \(value is [Any] ? "list" : "JSON object")"
        }
    }
}
