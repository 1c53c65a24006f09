import Foundation

/// The replies that take a number off marketing messages (回T退订) or, when configured, put it back: a reply
/// counts only when the whole message is one keyword, as Twilio's STOP handling does — "T" and "退订！" opt out,
/// "T恤还有吗" (a question about T-shirts) does not.
///
/// A reply and a keyword are compared after `normalized(_:)`: Unicode compatibility forms folded (a full-width
/// `Ｔ` or `０` counts as `T` or `0`), surrounding white space and trailing punctuation dropped, letters
/// upper-cased.
public struct OptOutKeywords: Sendable, Hashable, Codable {
    /// T, TD, N, 退订, 取消, 退, 0000, STOP, UNSUBSCRIBE: the replies Chinese carriers' and aggregators' opt-out
    /// lines ask for (回T退订, 回TD退订, 回N退订, 回复0000退订), the Chinese words for unsubscribe and cancel, and the
    /// English ones of the CTIA list.
    public static let defaultOptOut = ["T", "TD", "N", "退订", "取消", "退", "0000", "STOP", "UNSUBSCRIBE"]

    /// None by default: no carrier defines a re-subscribe reply, and a short reply such as "Y" or "1" answers too
    /// many other questions to be taken as consent to marketing again; putting a number back is a deliberate
    /// `mmskit optout remove`.
    public static let defaultOptIn: [String] = []

    /// Replies that opt a number out, as configured.
    public let optOut: [String]
    /// Replies that opt a number back in, as configured.
    public let optIn: [String]
    private let normalizedOptOut: [String: String]
    private let normalizedOptIn: [String: String]

    /// What a reply is.
    public enum Match: Sendable, Hashable {
        /// The reply is `keyword`, an opt-out keyword (as configured, not as the handset wrote it).
        case optOut(keyword: String)
        /// The reply is `keyword`, an opt-in keyword.
        case optIn(keyword: String)
    }

    /// The default keywords.
    public init() {
        // The defaults are distinct, non-empty and disjoint.
        try! self.init(optOut: Self.defaultOptOut, optIn: Self.defaultOptIn)
    }

    /// Keywords as configured.
    /// - Parameters:
    ///   - optOut: replies that opt a number out.
    ///   - optIn: replies that opt a number back in.
    /// - Throws: `OptOutKeywordsError` for a keyword that is empty once normalized, or in both lists.
    public init(optOut: [String], optIn: [String] = []) throws(OptOutKeywordsError) {
        func table(_ keywords: [String], _ list: String) throws(OptOutKeywordsError) -> [String: String] {
            var table: [String: String] = [:]
            for keyword in keywords {
                let normalized = Self.normalized(keyword)
                guard !normalized.isEmpty else { throw .empty(list: list, keyword: keyword) }
                if table[normalized] == nil { table[normalized] = keyword }
            }
            return table
        }
        let outs = try table(optOut, "opt-out")
        let ins = try table(optIn, "opt-in")
        if let both = outs.keys.sorted().first(where: { ins[$0] != nil }) {
            throw .inBothLists(keyword: outs[both] ?? both)
        }
        normalizedOptOut = outs
        normalizedOptIn = ins
        self.optOut = optOut
        self.optIn = optIn
    }

    /// Whether `reply` is an opt-out or opt-in keyword; nil for any other message.
    public func match(_ reply: String) -> Match? {
        let normalized = Self.normalized(reply)
        if let keyword = normalizedOptOut[normalized] { return .optOut(keyword: keyword) }
        if let keyword = normalizedOptIn[normalized] { return .optIn(keyword: keyword) }
        return nil
    }

    /// `text` as keywords are compared: compatibility forms folded (NFKC: full-width letters and digits, the
    /// ideographic space), white space around it and punctuation after it dropped, letters upper-cased.
    public static func normalized(_ text: String) -> String {
        var folded = Substring(text.precomposedStringWithCompatibilityMapping)
        while let last = folded.last, last.isWhitespace || last.isPunctuation || last.isSymbol {
            folded.removeLast()
        }
        while let first = folded.first, first.isWhitespace { folded.removeFirst() }
        return folded.uppercased()
    }

    private enum CodingKeys: String, CodingKey {
        case optOut = "opt_out"
        case optIn = "opt_in"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let optOut = try container.decodeIfPresent([String].self, forKey: .optOut) ?? Self.defaultOptOut
        let optIn = try container.decodeIfPresent([String].self, forKey: .optIn) ?? Self.defaultOptIn
        do {
            try self.init(optOut: optOut, optIn: optIn)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: container.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(optOut, forKey: .optOut)
        try container.encode(optIn, forKey: .optIn)
    }

    public static func == (lhs: OptOutKeywords, rhs: OptOutKeywords) -> Bool {
        lhs.normalizedOptOut == rhs.normalizedOptOut && lhs.normalizedOptIn == rhs.normalizedOptIn
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalizedOptOut)
        hasher.combine(normalizedOptIn)
    }
}

/// A keyword list that cannot be used.
public enum OptOutKeywordsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A keyword of `list` is empty once white space and punctuation are dropped.
    case empty(list: String, keyword: String)
    /// A keyword is both an opt-out and an opt-in keyword.
    case inBothLists(keyword: String)

    public var description: String {
        switch self {
        case .empty(let list, let keyword):
            "the \(list) keyword '\(keyword)' is empty once white space and punctuation are dropped; remove it"
        case .inBothLists(let keyword):
            "'\(keyword)' is both an opt-out and an opt-in keyword; keep it in one list"
        }
    }
}
