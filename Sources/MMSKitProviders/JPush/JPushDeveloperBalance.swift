/// The developer account's JSMS quota not yet given to any app, by kind; nil means not allocated (not zero).
public struct JPushDeveloperBalance: Codable, Sendable, Hashable {
    /// Quota usable for every kind of message (`dev_balance`).
    public var balance: Int?
    /// Voice verification-code quota (`dev_voice`).
    public var voice: Int?
    /// Industry (notification and verification-code) quota (`dev_industry`).
    public var industry: Int?
    /// Marketing quota (`dev_market`).
    public var market: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case balance = "dev_balance"
        case voice = "dev_voice"
        case industry = "dev_industry"
        case market = "dev_market"
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
                .init(
                    codingPath: decoder.codingPath, debugDescription: "none of the developer balance fields is present")
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
