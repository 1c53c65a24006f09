/// Where a template stands in JPush's review; values this client does not know are kept, not dropped.
public enum JPushTemplateStatus: Codable, Sendable, Hashable, CustomStringConvertible {
    /// 0: waiting for review; it cannot be used to send yet.
    case inReview
    /// 1: approved; usable for sending.
    case approved
    /// 2: rejected; fix it with `updateTemplate(id:_:)`.
    case rejected
    /// A status code this client does not know.
    case unknown(Int)

    /// The status the API's number stands for; an unknown number is kept as `unknown`.
    public init(rawValue: Int) {
        switch rawValue {
        case 0: self = .inReview
        case 1: self = .approved
        case 2: self = .rejected
        default: self = .unknown(rawValue)
        }
    }

    /// The API's number for this status.
    public var rawValue: Int {
        switch self {
        case .inReview: 0
        case .approved: 1
        case .rejected: 2
        case .unknown(let value): value
        }
    }

    /// Reads the API's number.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(Int.self))
    }

    /// Writes the API's number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The status in words, e.g. `in review`.
    public var description: String {
        switch self {
        case .inReview: "in review"
        case .approved: "approved"
        case .rejected: "rejected"
        case .unknown(let value): "unknown status \(value)"
        }
    }
}
