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
    /// 11 digits starting with 13–19.
    public init(_ raw: some StringProtocol) throws(Problem) {
        var digits = ""
        for (index, character) in raw.trimmingWhitespace().enumerated() {
            switch character {
            case "0"..."9": digits.append(character)
            case " ", "-", "\u{3000}": continue
            case "+" where index == 0: continue
            default: throw .invalidCharacter(character)
            }
        }
        if digits.isEmpty { throw .empty }
        if digits.count == 15, digits.hasPrefix("0086") {
            digits.removeFirst(4)
        } else if digits.count == 13, digits.hasPrefix("86") {
            digits.removeFirst(2)
        }
        guard digits.count == 11 else { throw .wrongLength(digits.count) }
        let second = digits[digits.index(after: digits.startIndex)]
        guard digits.first == "1", ("3"..."9").contains(second) else { throw .notMobile(digits) }
        self.digits = digits
    }

    public var description: String { digits }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let text = Substring(self)
        guard let start = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let end = text.lastIndex(where: { !$0.isWhitespace })!
        return text[start...end]
    }
}
