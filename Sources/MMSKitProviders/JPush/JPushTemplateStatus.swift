import MMSKit

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

extension JPushTemplateStatus {
    /// What a template's or sign's review status in a callback means (the one place mmskit decides it for JSMS),
    /// or nil for a status JSMS does not document (the receiver refuses such a callback).
    public static func outcome(of status: String) -> PushOutcome? {
        guard let number = Int(status) else { return nil }
        switch JPushTemplateStatus(rawValue: number) {
        case .inReview: return .inReview
        case .approved: return .approved
        case .rejected: return .rejected
        case .unknown: return nil
        }
    }
}
