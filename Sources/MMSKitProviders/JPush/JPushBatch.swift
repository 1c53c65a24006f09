/// One batch send request: a template sent to up to 1000 recipients, each with their own parameters.
public struct JPushBatch: Codable, Sendable, Hashable {
    /// One recipient of a batch and the values for the template's variables.
    public struct Recipient: Codable, Sendable, Hashable {
        /// The mobile number.
        public var mobile: String
        /// Values for the template's `{{variables}}`, by name; nil or empty sends none.
        public var parameters: [String: String]?

        enum CodingKeys: String, CodingKey {
            case mobile
            case parameters = "temp_para"
        }

        /// A recipient `mobile` with the values of their template variables.
        public init(mobile: String, parameters: [String: String]? = nil) {
            self.mobile = mobile
            self.parameters = parameters
        }

        /// Writes `mobile`, and `temp_para` only when there are parameters.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(mobile, forKey: .mobile)
            if let parameters, !parameters.isEmpty { try container.encode(parameters, forKey: .parameters) }
        }
    }

    /// The approved template to send (`temp_id`).
    public var templateID: Int
    /// The sign to use (`sign_id`); nil uses the app's default sign.
    public var signID: Int?
    /// A label JPush keeps with the messages (`tag`), for reports.
    public var tag: String?
    /// Who gets the message: 1...1000 of them.
    public var recipients: [Recipient]

    enum CodingKeys: String, CodingKey {
        case templateID = "temp_id"
        case signID = "sign_id"
        case tag
        case recipients
    }

    /// A batch of template `templateID` to `recipients`, with an optional sign and tag.
    public init(templateID: Int, signID: Int? = nil, tag: String? = nil, recipients: [Recipient]) {
        self.templateID = templateID
        self.signID = signID
        self.tag = tag
        self.recipients = recipients
    }
}
