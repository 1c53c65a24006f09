import Foundation

/// A JSON value as SendPulse sent it, kept for `--json` and flattened for tables: the reference documents the
/// balance endpoints but not their fields, so they are shown as they come.
public enum SendPulseJSON: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([SendPulseJSON])
    /// Members in the provider's order.
    case object([Member])

    /// One member of an object: its key and value.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: SendPulseJSON
    }

    /// The value JSONSerialization produced for it, if it is JSON.
    public init?(_ value: Any) {
        switch value {
        case is NSNull: self = .null
        case let text as String: self = .string(text)
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        case let array as [Any]: self = .array(array.compactMap(SendPulseJSON.init))
        case let object as [String: Any]:
            self = .object(
                object.keys.sorted().compactMap { key in
                    SendPulseJSON(object[key]!).map { Member(key: key, value: $0) }
                })
        default: return nil
        }
    }

    /// Every leaf as (dotted path, value), in order: `balance_currency`, `sms.balance`, `list[0].name`.
    public func flattened(prefix: String = "") -> [(path: String, value: SendPulseJSON)] {
        switch self {
        case .object(let members):
            return members.flatMap { $0.value.flattened(prefix: prefix.isEmpty ? $0.key : "\(prefix).\($0.key)") }
        case .array(let elements):
            return elements.enumerated().flatMap { $0.element.flattened(prefix: "\(prefix)[\($0.offset)]") }
        default:
            return [(prefix, self)]
        }
    }

    /// Reads any JSON value (object members sorted by key).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SendPulseJSON].self) {
            self = .array(value)
        } else {
            let object = try container.decode([String: SendPulseJSON].self)
            self = .object(object.keys.sorted().map { Member(key: $0, value: object[$0]!) })
        }
    }

    /// Writes the value back as JSON.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for member in members { try container.encode(member.value, forKey: Key(stringValue: member.key)) }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
