import Foundation
import MMSKit

/// The common push read in one pass over its bytes: one flat object or an array of flat objects whose values are
/// strings, numbers, booleans or null. It builds no JSON tree and validates UTF-8 once for the whole body, where
/// the full parser (which keeps positions for its error messages) costs more than storing the records. Anything
/// else — nested values, any syntax error, a missing or mistyped field — returns nil, and the full parser then
/// reads the body and says what is wrong, so both give the same records and the same errors.
enum IhuyiPushScanner {
    static func records(from body: Data, kind: PushKind) -> [PushRecord]? {
        body.withUnsafeBytes { raw -> [PushRecord]? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.isEmpty, String(validating: bytes, as: UTF8.self) != nil else { return nil }
            var scanner = Scanner(bytes: bytes)
            var records: [PushRecord] = []
            scanner.skipWhitespace()
            switch scanner.peek {
            case UInt8(ascii: "{"):
                guard let record = scanner.record(kind) else { return nil }
                records.append(record)
            case UInt8(ascii: "["):
                scanner.index += 1
                scanner.skipWhitespace()
                while true {
                    guard let record = scanner.record(kind) else { return nil }
                    records.append(record)
                    scanner.skipWhitespace()
                    guard let next = scanner.peek else { return nil }
                    scanner.index += 1
                    if next == UInt8(ascii: "]") { break }
                    guard next == UInt8(ascii: ",") else { return nil }
                    scanner.skipWhitespace()
                }
            default:
                return nil
            }
            scanner.skipWhitespace()
            return scanner.index == bytes.count ? records : nil
        }
    }

    /// A scalar value as the scanner found it.
    enum Value {
        case string(String)
        /// A JSON number, as written.
        case number(String)
        case boolean
        case null
    }

    /// The members of one object; a repeated key counts as its last value (as in the full parser).
    struct Members: PushFields {
        var members: [(key: String, value: Value)]

        /// Thrown to send the body to the full parser, which words the error.
        static let unusual = PushPayloadError("(read by the full parser)")

        func value(_ key: String) -> Value? { members.last { $0.key == key }?.value }

        func text(_ key: String) throws(PushPayloadError) -> String {
            guard let text = try optionalText(key), !text.isEmpty else { throw Self.unusual }
            return text
        }

        func optionalText(_ key: String) throws(PushPayloadError) -> String? {
            switch value(key) {
            case nil, .null?: return nil
            case .string(let text)? where !text.utf8.contains(0): return text
            case .number(let digits)? where Int(digits) != nil: return digits
            default: throw Self.unusual
            }
        }

        func integer(_ key: String) throws(PushPayloadError) -> Int {
            switch value(key) {
            case .number(let digits)?: if let value = Int(digits) { return value }
            case .string(let text)?: if let value = Int(text) { return value }
            default: break
            }
            throw Self.unusual
        }
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// The record of the object starting here, its payload the object's own bytes.
        mutating func record(_ kind: PushKind) -> PushRecord? {
            let start = index
            guard let members = object() else { return nil }
            let payload = Data(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            return try? IhuyiPushParser.record(kind, fields: members, payload: payload)
        }

        /// A flat object: `{ "key": scalar, … }`.
        mutating func object() -> Members? {
            guard peek == UInt8(ascii: "{") else { return nil }
            index += 1
            var members: [(key: String, value: Value)] = []
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return Members(members: members)
            }
            while true {
                skipWhitespace()
                guard let key = string() else { return nil }
                skipWhitespace()
                guard peek == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace()
                guard let value = scalar() else { return nil }
                members.append((key, value))
                skipWhitespace()
                guard let next = peek else { return nil }
                index += 1
                if next == UInt8(ascii: "}") { return Members(members: members) }
                guard next == UInt8(ascii: ",") else { return nil }
            }
        }

        mutating func scalar() -> Value? {
            guard let byte = peek else { return nil }
            switch byte {
            case UInt8(ascii: "\""): return string().map(Value.string)
            case UInt8(ascii: "t"): return literal("true") ? .boolean : nil
            case UInt8(ascii: "f"): return literal("false") ? .boolean : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number().map(Value.number)
            default: return nil
            }
        }

        mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// A number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        mutating func number() -> String? {
            let start = index
            func digits() -> Int {
                let first = index
                while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
                return index - first
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            if peek == UInt8(ascii: "0") {
                index += 1
            } else if digits() == 0 {
                return nil
            }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// A string; escapes decoded (a lone surrogate or a raw control character sends the body to the full
        /// parser).
        mutating func string() -> String? {
            guard peek == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    defer { index += 1 }
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                }
                if byte == UInt8(ascii: "\\") {
                    index = start
                    return escapedString()
                }
                guard byte >= 0x20 else { return nil }
                index += 1
            }
            return nil
        }

        /// The slow half of `string()`: from just after the opening quote, decoding escapes.
        mutating func escapedString() -> String? {
            var scalars = String.UnicodeScalarView()
            var plain: [UInt8] = []
            func flush() {
                if !plain.isEmpty {
                    scalars.append(contentsOf: String(decoding: plain, as: UTF8.self).unicodeScalars)
                    plain.removeAll(keepingCapacity: true)
                }
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard let escape = peek else { return nil }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""): scalars.append("\"")
                    case UInt8(ascii: "\\"): scalars.append("\\")
                    case UInt8(ascii: "/"): scalars.append("/")
                    case UInt8(ascii: "b"): scalars.append("\u{08}")
                    case UInt8(ascii: "f"): scalars.append("\u{0C}")
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "u"):
                        guard let high = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(high) {
                            guard literal("\\u"), let low = hex4(), (0xDC00...0xDFFF).contains(low),
                                let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                            else { return nil }
                            scalars.append(scalar)
                        } else {
                            guard let scalar = Unicode.Scalar(high) else { return nil }
                            scalars.append(scalar)
                        }
                    default:
                        return nil
                    }
                default:
                    guard byte >= 0x20 else { return nil }
                    plain.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}
