/// Which account a JSMS balance belongs to: its JSON fields are named `<prefix>_balance`, `<prefix>_voice`, …
public protocol JPushBalanceScope: Sendable {
    /// `app` or `dev`.
    static var prefix: String { get }
}

/// The app's quotas (GET /v1/accounts/app, app credentials).
public enum JPushAppScope: JPushBalanceScope {
    /// `app`: fields `app_balance`, `app_voice`, ….
    public static let prefix = "app"
}

/// The developer account's quotas, shared by its apps (GET /v1/accounts/dev, developer credentials).
public enum JPushDeveloperScope: JPushBalanceScope {
    /// `dev`: fields `dev_balance`, `dev_voice`, ….
    public static let prefix = "dev"
}

/// An app's remaining JSMS quota by kind.
public typealias JPushAppBalance = JPushBalance<JPushAppScope>
/// The developer account's remaining JSMS quota by kind.
public typealias JPushDeveloperBalance = JPushBalance<JPushDeveloperScope>

/// Remaining JSMS quota by kind; nil means that quota was never allocated (not zero).
public struct JPushBalance<Scope: JPushBalanceScope>: Codable, Sendable, Hashable {
    /// Quota usable for every kind of message (`<prefix>_balance`).
    public var balance: Int?
    /// Voice verification-code quota (`<prefix>_voice`).
    public var voice: Int?
    /// Industry (notification and verification-code) quota (`<prefix>_industry`).
    public var industry: Int?
    /// Marketing quota (`<prefix>_market`).
    public var market: Int?

    /// Quotas with the given values; `nil` for one never allocated.
    public init(balance: Int?, voice: Int?, industry: Int?, market: Int?) {
        self.balance = balance
        self.voice = voice
        self.industry = industry
        self.market = market
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
        init(_ kind: String) { stringValue = "\(Scope.prefix)_\(kind)" }
    }

    private static var kinds: [String] { ["balance", "voice", "industry", "market"] }

    /// Decodes the JSMS body; at least one field must be present, and `null` stays distinct from 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard Self.kinds.contains(where: { container.contains(Key($0)) }) else {
            throw DecodingError.keyNotFound(
                Key("balance"),
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "none of the \(Scope.prefix) balance fields is present"))
        }
        balance = try Self.quota(Key("balance"), in: container)
        voice = try Self.quota(Key("voice"), in: container)
        industry = try Self.quota(Key("industry"), in: container)
        market = try Self.quota(Key("market"), in: container)
    }

    /// A quota: absent or null (not allocated), or a whole number of messages; any other number (a fraction,
    /// one beyond ±9.2e18) is an error that says what it was.
    private static func quota(_ key: Key, in container: KeyedDecodingContainer<Key>) throws -> Int? {
        do {
            return try container.decodeIfPresent(Int.self, forKey: key)
        } catch {
            guard let number = try? container.decode(Double.self, forKey: key) else { throw error }
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(number) is not a whole number of messages")
        }
    }

    /// Encodes every field, unallocated ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in fields { try container.encode(value, forKey: Key(stringValue: name)) }
    }

    /// The fields under their JSMS names, in the documented order, for tables and reports.
    public var fields: [(name: String, value: Int?)] {
        zip(Self.kinds, [balance, voice, industry, market]).map { ("\(Scope.prefix)_\($0)", $1) }
    }
}
