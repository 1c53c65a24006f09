import Foundation

/// Reads a frame's text from a `.txt` file: UTF-8, a leading BOM dropped, one final line ending dropped
/// (editors add one; `mmskit unpack` writes both back where needed), so build → unpack → build is exact.
enum TextFile {
    enum Problem: Error, Equatable {
        case invalidUTF8(offset: Int, line: Int, column: Int)
        case empty
    }

    static func decode(_ data: Data) -> Result<String, Problem> {
        var bytes = [UInt8](data)
        var skipped = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            skipped = 3
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidOffset(bytes)
            let before = bytes[..<offset]
            let line = before.filter { $0 == 0x0A }.count + 1
            let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
            return .failure(.invalidUTF8(offset: offset + skipped, line: line, column: column))
        }
        var result = text
        if result.hasSuffix("\r\n") {
            result.removeLast()
        } else if result.hasSuffix("\n") {
            result.removeLast()
        }
        return isBlank(result) ? .failure(.empty) : .success(result)
    }

    /// Whether a text says nothing: empty or only whitespace. The one test for build (`.txt` files) and lint
    /// (`text-empty`), so that they never disagree.
    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// The text written back by `unpack`: the text and one final line ending (CRLF after a lone CR), and a BOM
    /// first when the text itself starts with U+FEFF, so that `decode` strips exactly what was added.
    static func encode(_ text: String) -> Data {
        let bom = text.unicodeScalars.first == "\u{FEFF}" ? "\u{FEFF}" : ""
        return Data((bom + text + (text.utf8.last == 0x0D ? "\r\n" : "\n")).utf8)
    }

    private static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            offset += UTF8.width(scalar)
        }
        return offset
    }
}
