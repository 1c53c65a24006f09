/// A mainland China mobile number, normalised to its 11 digits.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 11 digits, e.g. `13800138000`.
    public let digits: String
    /// The number as an integer, a cheap key for de-duplicating long lists.
    public let numeric: UInt64

    /// Why a string is not a mainland mobile number.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// No digit at all: nothing, or only spaces, dashes and a `+`.
        case empty
        /// A character other than digits, spaces (ideographic ones too), tabs, line breaks, dashes and a leading `+`.
        case invalidCharacter(character: Character)
        /// Not 11 digits once the country prefix is dropped.
        case wrongLength(digits: Int)
        /// 11 digits that do not start with 13–19.
        case notMobile(number: String)
        /// A `+` number that is not +86 followed by 11 digits.
        case foreign(number: String)

        /// Why the number is not accepted, for the user.
        public var description: String {
            switch self {
            case .empty: "the number is empty"
            case .invalidCharacter(let character): "'\(character)' is not allowed in a phone number"
            case .wrongLength(let count): "\(count) digits; a mainland mobile number has 11"
            case .notMobile(let digits): "\(digits) is not a mainland mobile number (they start with 13–19)"
            case .foreign(let digits):
                "+\(digits) is not a mainland China number (only +86 numbers receive carrier MMS)"
            }
        }
    }

    /// Normalises `raw`: spaces and dashes removed, a `+86`/`0086`/`86` country prefix dropped; then it must be
    /// 11 digits starting with 13–19. Works on the UTF-8 bytes, allocation-free until the result (lists run to
    /// millions of numbers).
    public init(_ raw: some StringProtocol) throws(Problem) {
        var value: UInt64 = 0
        var count = 0
        var started = false
        var international = false
        var invalid = false
        var bytes = raw.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case 0x30...0x39:
                if count < 19 { value = value &* 10 &+ UInt64(byte &- 0x30) }
                count += 1
                started = true
            case 0x20, 0x2D, 0x09, 0x0A, 0x0D:
                continue
            case 0x2B where !started:
                started = true
                international = true
            case 0xE3:
                // U+3000 IDEOGRAPHIC SPACE is E3 80 80.
                if bytes.next() == 0x80, bytes.next() == 0x80 { continue }
                invalid = true
            default:
                invalid = true
            }
            if invalid { break }
        }
        if invalid { throw Self.firstInvalidCharacter(in: raw) }
        if count == 0 { throw .empty }
        let trillion: UInt64 = 100_000_000_000
        if international && !(count == 13 && value / trillion == 86) {
            // "+" starts a country code: only +86 is mainland China.
            throw .foreign(number: String(value))
        }
        if (count == 15 || count == 13) && value / trillion == 86 {
            value %= trillion
            count = 11
        }
        guard count == 11 else { throw .wrongLength(digits: count) }
        guard (13_000_000_000...19_999_999_999).contains(value) else {
            let text = String(value)
            throw .notMobile(number: String(repeating: "0", count: max(0, 11 - text.count)) + text)
        }
        digits = String(value)
        numeric = value
    }

    /// The character the fast path stopped at, for the message (only on the error path).
    private static func firstInvalidCharacter(in raw: some StringProtocol) -> Problem {
        var started = false
        for scalar in raw.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: started = true
            case 0x20, 0x2D, 0x09, 0x0A, 0x0D, 0x3000: continue
            case 0x2B where !started: started = true
            default: return .invalidCharacter(character: Character(scalar))
            }
        }
        return .empty
    }

    /// The 11 digits.
    public var description: String { digits }
}
