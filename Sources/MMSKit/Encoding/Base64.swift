import Foundation

/// Standard base64 (RFC 4648 alphabet, `=` padding, no line breaks), encoded straight into a caller's buffer.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The two-character table: for every 12-bit value, the two output characters, as one `UInt16`.
    private static let pairs: [UInt16] = (0..<4096).map { value in
        UInt16(alphabet[value >> 6]) | UInt16(alphabet[value & 63]) << 8
    }

    /// Length of the encoding of `count` bytes.
    public static func encodedLength(of count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Encodes `source` into `destination`, which must hold exactly `encodedLength(of: source.count)` bytes.
    public static func encode(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        precondition(destination.count == encodedLength(of: source.count), "base64 destination has the wrong size")
        guard let input = source.baseAddress, let output = destination.baseAddress else { return }
        pairs.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            let whole = source.count / 3
            var inIndex = 0
            var outIndex = 0
            for _ in 0..<whole {
                let byte0 = UInt32(input.load(fromByteOffset: inIndex, as: UInt8.self))
                let byte1 = UInt32(input.load(fromByteOffset: inIndex + 1, as: UInt8.self))
                let byte2 = UInt32(input.load(fromByteOffset: inIndex + 2, as: UInt8.self))
                let bits = byte0 << 16 | byte1 << 8 | byte2
                output.storeBytes(of: table[Int(bits >> 12)], toByteOffset: outIndex, as: UInt16.self)
                output.storeBytes(of: table[Int(bits & 0xFFF)], toByteOffset: outIndex + 2, as: UInt16.self)
                inIndex += 3
                outIndex += 4
            }
            let rest = source.count - inIndex
            guard rest > 0 else { return }
            let byte0 = UInt32(input.load(fromByteOffset: inIndex, as: UInt8.self))
            let byte1 = rest == 2 ? UInt32(input.load(fromByteOffset: inIndex + 1, as: UInt8.self)) : 0
            let bits = byte0 << 16 | byte1 << 8
            let equals = UInt8(ascii: "=")
            output.storeBytes(of: alphabet[Int(bits >> 18)], toByteOffset: outIndex, as: UInt8.self)
            output.storeBytes(of: alphabet[Int(bits >> 12 & 63)], toByteOffset: outIndex + 1, as: UInt8.self)
            output.storeBytes(
                of: rest == 2 ? alphabet[Int(bits >> 6 & 63)] : equals, toByteOffset: outIndex + 2, as: UInt8.self)
            output.storeBytes(of: equals, toByteOffset: outIndex + 3, as: UInt8.self)
        }
    }

    /// Decodes strict base64: the standard alphabet, `=` padding to a multiple of four, no whitespace.
    /// - Throws: `Base64Error` with the offset of the first offending character.
    public static func decode(_ text: some StringProtocol) throws(Base64Error) -> Data {
        var text = String(text)
        return try text.withUTF8 { bytes in
            Result { () throws(Base64Error) in try decode(UnsafeRawBufferPointer(bytes)) }
        }.get()
    }

    /// For each byte, its 6-bit value, or 0xFF when it is not in the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// For every pair of input characters (first in the low byte), their 12 bits, or 0xFFFF when either is
    /// not in the alphabet: two lookups decode four characters.
    private static let pairValues: [UInt16] = {
        var table = [UInt16](repeating: 0xFFFF, count: 65536)
        for (first, a) in alphabet.enumerated() {
            for (second, b) in alphabet.enumerated() {
                table[Int(a) | Int(b) << 8] = UInt16(first << 6 | second)
            }
        }
        return table
    }()

    /// Decodes strict base64 bytes straight into the result (no intermediate copy); see `decode(_:)` for text.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(Base64Error) -> Data {
        let count = bytes.count
        guard count % 4 == 0 else { throw Base64Error.locate(in: bytes) }
        guard count > 0 else { return Data() }
        let padding = bytes[count - 1] == UInt8(ascii: "=") ? (bytes[count - 2] == UInt8(ascii: "=") ? 2 : 1) : 0
        let outputCount = count / 4 * 3 - padding
        // Uninitialised memory handed to Data without a copy: every byte is written below.
        // Spare bytes let groups be written with wide stores that the next store overwrites.
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: outputCount + 8, alignment: 16)
        let target = UnsafeMutableRawBufferPointer(rebasing: storage[0..<outputCount])
        let valid = { () -> Bool in
            let quadsValid = pairValues.withUnsafeBufferPointer { pairs -> Bool in
                let pairs = pairs.baseAddress!
                let input = bytes.baseAddress!
                let out = target.baseAddress!
                let whole = (count - (padding > 0 ? 4 : 0)) / 4
                var bad: UInt16 = 0
                // Two groups at a time: eight characters become six bytes written as one 8-byte store (the
                // two spare bytes are overwritten by the next store or lie in the slack).
                let pairsOfGroups = whole / 2
                for step in 0..<pairsOfGroups {
                    let word = input.loadUnaligned(fromByteOffset: step * 8, as: UInt64.self).littleEndian
                    let a = pairs[Int(truncatingIfNeeded: word & 0xFFFF)]
                    let b = pairs[Int(truncatingIfNeeded: (word >> 16) & 0xFFFF)]
                    let c = pairs[Int(truncatingIfNeeded: (word >> 32) & 0xFFFF)]
                    let d = pairs[Int(truncatingIfNeeded: word >> 48)]
                    bad |= a | b | c | d
                    let bits = UInt64(a) << 52 | UInt64(b) << 40 | UInt64(c) << 28 | UInt64(d) << 16
                    out.storeBytes(of: bits.bigEndian, toByteOffset: step * 6, as: UInt64.self)
                }
                for quad in (pairsOfGroups * 2)..<whole {
                    let high = pairs[Int(input.loadUnaligned(fromByteOffset: quad * 4, as: UInt16.self).littleEndian)]
                    let low = pairs[
                        Int(input.loadUnaligned(fromByteOffset: quad * 4 + 2, as: UInt16.self).littleEndian)]
                    bad |= high | low
                    let bits = UInt32(truncatingIfNeeded: high) << 20 | UInt32(truncatingIfNeeded: low) << 8
                    out.storeBytes(of: bits.bigEndian, toByteOffset: quad * 3, as: UInt32.self)
                }
                return bad & 0xF000 == 0
            }
            guard quadsValid else { return false }
            return values.withUnsafeBufferPointer { table in
                let table = table.baseAddress!
                let out = target.baseAddress!
                let inIndex = (count - (padding > 0 ? 4 : 0))
                let outIndex = inIndex / 4 * 3
                guard padding > 0 else { return true }
                let a = table[Int(bytes[inIndex])], b = table[Int(bytes[inIndex + 1])]
                let c = padding == 1 ? table[Int(bytes[inIndex + 2])] : 0
                guard (a | b | c) & 0xC0 == 0 else { return false }
                // Canonical encodings leave the padding bits zero.
                guard padding == 2 ? b & 0x0F == 0 : c & 0x03 == 0 else { return false }
                let bits = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                out.storeBytes(of: UInt8(truncatingIfNeeded: bits >> 16), toByteOffset: outIndex, as: UInt8.self)
                if padding == 1 {
                    out.storeBytes(of: UInt8(truncatingIfNeeded: bits >> 8), toByteOffset: outIndex + 1, as: UInt8.self)
                }
                return true
            }
        }()
        guard valid else {
            storage.deallocate()
            throw Base64Error.locate(in: bytes)
        }
        return Data(
            bytesNoCopy: storage.baseAddress!, count: outputCount,
            deallocator: .custom { pointer, _ in pointer.deallocate() })
    }
}

/// Why a string is not strict base64, with the offset (in characters) of the first problem.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 0-based offset, in characters, of the first character that breaks the encoding.
    public var offset: Int
    /// What is wrong there, e.g. a character outside the base64 alphabet.
    public var reason: String

    /// The reason and the 1-based character position, for an error message.
    public var description: String { "\(reason) at character \(offset + 1)" }

    /// Finds the first thing wrong in bytes that Foundation refused.
    static func locate(in bytes: UnsafeRawBufferPointer) -> Base64Error {
        var padding = 0
        for (index, byte) in bytes.enumerated() {
            let isAlphabet =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2B || byte == 0x2F
            if byte == UInt8(ascii: "=") {
                padding += 1
                if index < bytes.count - 2 || padding > 2 {
                    return Base64Error(offset: index, reason: "'=' padding in the middle of the data")
                }
            } else if padding > 0 {
                return Base64Error(offset: index, reason: "data after '=' padding")
            } else if !isAlphabet {
                let shown: String
                switch byte {
                case 0x20: shown = "a space"
                case 0x0A: shown = "a line break"
                case 0x0D: shown = "a carriage return"
                case 0x09: shown = "a tab"
                case 0x2D, 0x5F: shown = "'\(UnicodeScalar(byte))' (URL-safe base64; use '+' and '/')"
                case 0x21...0x7E: shown = "'\(UnicodeScalar(byte))'"
                default: shown = "byte 0x\(String(byte, radix: 16, uppercase: true))"
                }
                return Base64Error(offset: index, reason: "\(shown) is not a base64 character")
            }
        }
        if bytes.isEmpty { return Base64Error(offset: 0, reason: "empty data") }
        if bytes.count % 4 != 0 {
            return Base64Error(
                offset: bytes.count,
                reason: "length \(bytes.count) is not a multiple of 4 (missing '=' padding or truncated)")
        }
        return Base64Error(offset: max(0, bytes.count - 1), reason: "non-zero bits in the padding")
    }
}
