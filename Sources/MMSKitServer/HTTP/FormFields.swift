import MMSKit
import MMSKitProviders

/// The fields of an `application/x-www-form-urlencoded` body or a query string: `+` is a space and `%XX` a byte,
/// the decoded bytes must be UTF-8, and a field given twice is refused (a signed form has one of each).
public enum FormFields {
    /// The fields in `text` (`a=1&b=2`); empty pieces (`a=1&&b=2`) are skipped.
    public static func parse(_ text: some StringProtocol) throws(PushPayloadError) -> [String: String] {
        var fields: [String: String] = [:]
        for piece in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = piece.firstIndex(of: UInt8(ascii: "="))
            let name = try decode(piece[..<(equals ?? piece.endIndex)])
            let value =
                try equals.map { (index) throws(PushPayloadError) in try decode(piece[piece.index(after: index)...]) }
                ?? ""
            guard !name.isEmpty else { throw PushPayloadError("the form has a value without a field name") }
            guard fields[name] == nil else { throw PushPayloadError("the form gives \(name) more than once") }
            guard !name.utf8.contains(0), !value.utf8.contains(0) else {
                throw PushPayloadError(
                    "the form's field \(DisplayText.escaped(name)) holds a NUL character (%00), which no provider's value holds; nothing was stored"
                )
            }
            fields[name] = value
        }
        return fields
    }

    private static func decode(_ bytes: some Collection<UInt8>) throws(PushPayloadError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw PushPayloadError("the form has a % not followed by two hex digits")
                }
                output.append(high << 4 | low)
            default:
                output.append(byte)
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw PushPayloadError("the form is not UTF-8 once decoded")
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
