/// An app's remaining JSMS quota by kind; nil means that quota was never allocated to the app (not zero).
public struct JPushAppBalance: Codable, Sendable, Hashable {
    /// Quota usable for every kind of message (`app_balance`).
    public var balance: Int?
    /// Voice verification-code quota (`app_voice`).
    public var voice: Int?
    /// Industry (notification and verification-code) quota (`app_industry`).
    public var industry: Int?
    /// Marketing quota (`app_market`).
    public var market: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balance = "app_balance"
        case voice = "app_voice"
        case industry = "app_industry"
        case market = "app_market"
    }

    public init(balance: Int?, voice: Int?, industry: Int?, market: Int?) {
        self.balance = balance
        self.voice = voice
        self.industry = industry
        self.market = market
    }

    /// Decodes the JSMS body; at least one field must be present, and `null` stays distinct from 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard CodingKeys.allCases.contains(where: container.contains) else {
            throw DecodingError.keyNotFound(
                CodingKeys.balance,
                .init(codingPath: decoder.codingPath, debugDescription: "none of the app balance fields is present")
            )
        }
        balance = try container.decodeIfPresent(Int.self, forKey: .balance)
        voice = try container.decodeIfPresent(Int.self, forKey: .voice)
        industry = try container.decodeIfPresent(Int.self, forKey: .industry)
        market = try container.decodeIfPresent(Int.self, forKey: .market)
    }

    /// Encodes every field, unallocated ones as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(balance, forKey: .balance)
        try container.encode(voice, forKey: .voice)
        try container.encode(industry, forKey: .industry)
        try container.encode(market, forKey: .market)
    }

    /// The fields under their JSMS names, in the documented order, for tables and reports.
    public var fields: [(name: String, value: Int?)] {
        [
            (CodingKeys.balance.rawValue, balance), (CodingKeys.voice.rawValue, voice),
            (CodingKeys.industry.rawValue, industry), (CodingKeys.market.rawValue, market),
        ]
    }
}
