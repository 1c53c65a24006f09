/// A mainland China mobile number, normalised to its 11 digits.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The 11 digits, e.g. `13800138000`.
    public let digits: String

    /// Why a string is not a mainland mobile number.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case invalidCharacter(Character)
        case wrongLength(Int)
        case notMobile(String)

        public var description: String {
            switch self {
            case .empty: "the number is empty"
            case .invalidCharacter(let character): "'\(character)' is not allowed in a phone number"
            case .wrongLength(let count): "\(count) digits; a mainland mobile number has 11"
            case .notMobile(let digits): "\(digits) is not a mainland mobile number (they start with 13–19)"
            }
        }
    }

    /// Normalises `raw`: spaces and dashes removed, a `+86`/`0086`/`86` country prefix dropped; then it must be
    /// 11 digits starting with 13–19. Works on the UTF-8 bytes (lists run to millions of numbers).
    public init(_ raw: some StringProtocol) throws(Problem) {
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        var sawPlus = false
        var problem: Problem?
        var seenNonSpace = false
        var iterator = raw.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            switch scalar.value {
            case 0x30...0x39:
                digits.append(UInt8(scalar.value))
                seenNonSpace = true
            case 0x20, 0x2D, 0x3000, 0x09, 0x0A, 0x0D:
                continue
            case 0x2B where !seenNonSpace && !sawPlus:
                sawPlus = true
                seenNonSpace = true
            default:
                problem = .invalidCharacter(Character(scalar))
            }
            if problem != nil { break }
        }
        if let problem { throw problem }
        if digits.isEmpty { throw .empty }
        if digits.count == 15, digits.starts(with: [0x30, 0x30, 0x38, 0x36]) {
            digits.removeFirst(4)
        } else if digits.count == 13, digits.starts(with: [0x38, 0x36]) {
            digits.removeFirst(2)
        }
        let text = String(decoding: digits, as: UTF8.self)
        guard digits.count == 11 else { throw .wrongLength(digits.count) }
        guard digits[0] == 0x31, (0x33...0x39).contains(digits[1]) else { throw .notMobile(text) }
        self.digits = text
    }

    public var description: String { digits }
}
