import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict RFC 8259 parser that records the line and column of every value and key.
///
/// Columns count Unicode scalars, so a diagnostic after Chinese text points at the right character. Nesting is
/// limited (`maximumDepth`) so hostile input cannot exhaust the stack.
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public var maximumDepth: Int

    /// A parser accepting at most `maximumDepth` levels of nesting.
    public init(maximumDepth: Int = 128) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a whole document.
    /// - Throws: `JSONSyntaxError` at the first problem.
    /// Long ASCII strings become slices of `data` instead of copies.
    public func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        try data.withUnsafeBytes { bytes in Result { () throws(JSONSyntaxError) in try parse(bytes, source: data) } }
            .get()
    }

    /// Parses a whole document from raw bytes.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        try parse(bytes, source: nil)
    }

    private func parse(_ bytes: UnsafeRawBufferPointer, source: Data?) throws(JSONSyntaxError) -> JSONValue {
        var cursor = Cursor(bytes: bytes, maximumDepth: maximumDepth)
        cursor.source = source
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            cursor.offset = 3
            cursor.markOffset = 3
        }
        cursor.skipWhitespace()
        let value = try cursor.parseValue(depth: 0)
        cursor.skipWhitespace()
        if cursor.offset < bytes.count {
            throw cursor.error("unexpected \(cursor.describeCurrent()) after the end of the JSON value")
        }
        return value
    }
}

extension JSONParser {
    fileprivate struct Cursor {
        let bytes: UnsafeRawBufferPointer
        let maximumDepth: Int
        /// The owner of `bytes`, when long ASCII strings may be kept as slices of it.
        var source: Data?
        var offset = 0
        var line = 1
        /// The column at `markOffset` (which is on the current line): columns are counted forward lazily.
        var markOffset = 0
        var markColumn = 1

        init(bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func position() -> TextPosition {
            let span = offset - markOffset
            if span > 0, let base = bytes.baseAddress {
                // Columns count Unicode scalars: every byte that is not a UTF-8 continuation byte starts one.
                let pointer = (base + markOffset).assumingMemoryBound(to: UInt8.self)
                var continuation = 0
                for index in 0..<span {
                    continuation &+= Int(truncatingIfNeeded: (pointer[index] & 0xC0) == 0x80 ? 1 : 0)
                }
                markColumn += span - continuation
            }
            markOffset = offset
            return TextPosition(offset: offset, line: line, column: markColumn)
        }

        mutating func error(_ reason: String) -> JSONSyntaxError {
            JSONSyntaxError(position: position(), reason: reason)
        }

        func describeCurrent() -> String {
            guard let byte = current else { return "end of file" }
            if byte >= 0x21 && byte < 0x7F { return "'\(UnicodeScalar(byte))'" }
            return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x09, 0x0D:
                    offset += 1
                case 0x0A:
                    offset += 1
                    line += 1
                    markOffset = offset
                    markColumn = 1
                default:
                    return
                }
            }
        }

        mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
            let start = position()
            guard let byte = current else { throw error("unexpected end of file; a value was expected") }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject(depth: depth + 1, start: start)
            case UInt8(ascii: "["): return try parseArray(depth: depth + 1, start: start)
            case UInt8(ascii: "\""): return JSONValue(.string(try parseStringValue()), at: start)
            case UInt8(ascii: "t"): try expectWord("true"); return JSONValue(.bool(true), at: start)
            case UInt8(ascii: "f"): try expectWord("false"); return JSONValue(.bool(false), at: start)
            case UInt8(ascii: "n"): try expectWord("null"); return JSONValue(.null, at: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return JSONValue(.number(try parseNumber()), at: start)
            default:
                throw error(
                    "unexpected \(describeCurrent()); a value (object, array, string, number, true, false or null) was expected"
                )
            }
        }

        mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
            let length = word.utf8CodeUnitCount
            let matches =
                offset + length <= bytes.count
                && word.withUTF8Buffer { expected in
                    (0..<length).allSatisfy { bytes[offset + $0] == expected[$0] }
                }
            guard matches else { throw error("invalid literal; did you mean '\(word)'?") }
            offset += length
        }

        mutating func parseObject(depth: Int, start: TextPosition) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= maximumDepth else {
                throw error("nesting is deeper than \(maximumDepth) levels; MMS documents are never this deep")
            }
            offset += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                offset += 1
                return JSONValue(.object(members), at: start)
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else {
                    throw error("expected a quoted key, found \(describeCurrent())")
                }
                let keyPosition = position()
                let key = try parseString()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else {
                    throw error("expected ':' after the key \"\(key)\", found \(describeCurrent())")
                }
                offset += 1
                skipWhitespace()
                let value = try parseValue(depth: depth)
                members.append(JSONMember(key: key, keyPosition: keyPosition, value: value))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","):
                    offset += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                case UInt8(ascii: "}"):
                    offset += 1
                    return JSONValue(.object(members), at: start)
                default:
                    throw error("expected ',' or '}' in the object, found \(describeCurrent())")
                }
            }
        }

        mutating func parseArray(depth: Int, start: TextPosition) throws(JSONSyntaxError) -> JSONValue {
            guard depth <= maximumDepth else {
                throw error("nesting is deeper than \(maximumDepth) levels; MMS documents are never this deep")
            }
            offset += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                offset += 1
                return JSONValue(.array(elements), at: start)
            }
            while true {
                skipWhitespace()
                elements.append(try parseValue(depth: depth))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","):
                    offset += 1
                    skipWhitespace()
                    if current == UInt8(ascii: "]") { throw error("trailing comma before ']'") }
                case UInt8(ascii: "]"):
                    offset += 1
                    return JSONValue(.array(elements), at: start)
                default:
                    throw error("expected ',' or ']' in the array, found \(describeCurrent())")
                }
            }
        }

        mutating func parseNumber() throws(JSONSyntaxError) -> String {
            let start = offset
            if current == UInt8(ascii: "-") { offset += 1 }
            func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            guard isDigit(current) else { throw error("a number needs a digit after '-'") }
            if current == UInt8(ascii: "0") {
                offset += 1
                if isDigit(current) { throw error("numbers must not have leading zeros") }
            } else {
                while isDigit(current) { offset += 1 }
            }
            if current == UInt8(ascii: ".") {
                offset += 1
                guard isDigit(current) else { throw error("a number needs digits after '.'") }
                while isDigit(current) { offset += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                offset += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
                guard isDigit(current) else { throw error("a number needs digits in its exponent") }
                while isDigit(current) { offset += 1 }
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        }

        /// Strings at least this long, plain ASCII and unescaped, are kept as slices of the source.
        static let sliceThreshold = 256

        /// Parses a string as text (keys).
        mutating func parseString() throws(JSONSyntaxError) -> String {
            try parseStringValue().value
        }

        /// Parses a string starting at its opening quote; the cursor ends after the closing quote.
        mutating func parseStringValue() throws(JSONSyntaxError) -> JSONString {
            offset += 1
            let start = offset
            // Fast path, the common case (base64 media, most text): memchr finds the closing quote, and the
            // string is taken as it is when it holds no backslash and no control character.
            if let base = bytes.baseAddress, start < bytes.count,
                let quote = memchr(base + start, 0x22, bytes.count - start)
            {
                let end = UnsafeRawPointer(quote) - base
                let length = end - start
                let pointer = (base + start).assumingMemoryBound(to: UInt8.self)
                var smallest: UInt8 = 0xFF
                var largest: UInt8 = 0
                for index in 0..<length {
                    smallest = min(smallest, pointer[index])
                    largest = max(largest, pointer[index])
                }
                if smallest >= 0x20, memchr(base + start, 0x5C, length) == nil {
                    offset = end + 1
                    if largest < 0x80 && markOffset == start - 1 {
                        // An ASCII string (base64 media): its columns are its bytes, so later positions need not
                        // count through it again.
                        markColumn += length + 2
                        markOffset = offset
                    }
                    if largest < 0x80, length >= Self.sliceThreshold, let source {
                        return JSONString(asciiSource: source[(source.startIndex + start)..<(source.startIndex + end)])
                    }
                    return JSONString(
                        try validatedUTF8(UnsafeRawBufferPointer(start: base + start, count: length), startingAt: start)
                    )
                }
            }
            // Escapes or control characters: walk byte by byte from the start of the string.
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
                    offset += 1
                    return JSONString(try validatedUTF8(raw, startingAt: start))
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw controlCharacterError(byte) }
                offset += 1
            }
            guard offset < bytes.count else { throw error("unterminated string; a closing '\"' is missing") }
            var decoded = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
            while offset < bytes.count {
                let byte = bytes[offset]
                switch byte {
                case UInt8(ascii: "\""):
                    offset += 1
                    let text = decoded.withUnsafeBytes { String(validating: $0, as: UTF8.self) }
                    guard let text else {
                        throw error("invalid UTF-8 in a string; save the file as UTF-8")
                    }
                    return JSONString(text)
                case UInt8(ascii: "\\"):
                    try appendEscape(to: &decoded)
                case 0x00..<0x20:
                    throw controlCharacterError(byte)
                default:
                    decoded.append(byte)
                    offset += 1
                }
            }
            throw error("unterminated string; a closing '\"' is missing")
        }

        mutating func controlCharacterError(_ byte: UInt8) -> JSONSyntaxError {
            let name =
                byte == 0x0A
                ? "a raw line break" : byte == 0x09 ? "a raw tab" : "control character 0x\(String(byte, radix: 16))"
            return error("\(name) inside a string; write it as an escape such as \\n")
        }

        mutating func validatedUTF8(
            _ raw: UnsafeRawBufferPointer, startingAt start: Int
        ) throws(JSONSyntaxError) -> String {
            if let text = String(validating: raw, as: UTF8.self) { return text }
            var index = 0
            var iterator = raw.makeIterator()
            var decoder = UTF8()
            var validUpTo = 0
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    index += UTF8.width(scalar)
                    validUpTo = index
                case .emptyInput:
                    break loop
                case .error:
                    break loop
                }
            }
            let byteOffset = start + validUpTo
            let saved = offset
            offset = min(byteOffset, saved)
            let problem = error("invalid UTF-8 in a string (byte \(byteOffset) of the file); save the file as UTF-8")
            offset = saved
            throw problem
        }

        mutating func appendEscape(to decoded: inout [UInt8]) throws(JSONSyntaxError) {
            offset += 1
            guard let byte = current else { throw error("unterminated escape at the end of the file") }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): decoded.append(0x22)
            case UInt8(ascii: "\\"): decoded.append(0x5C)
            case UInt8(ascii: "/"): decoded.append(0x2F)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hexQuad()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count,
                        bytes[offset + 1] == UInt8(ascii: "u")
                    else {
                        throw error(
                            "a \\u escape holds a lone high surrogate; a low surrogate \\uDC00–\\uDFFF must follow")
                    }
                    offset += 2
                    let low = try hexQuad()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw error(
                            "a \\u high surrogate is followed by \\u\(String(low, radix: 16)), not a low surrogate")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("a \\u escape holds a lone low surrogate")
                }
                decoded.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            default:
                offset -= 1
                throw error(
                    "invalid escape '\\\(describeCurrent())'; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"
                )
            }
        }

        mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw error("a \\u escape needs four hex digits") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
                default: throw error("a \\u escape needs four hex digits, found \(describeCurrent())")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }
    }
}
