/// What JPush did with a batch: the counts and, per recipient, a message id or an error.
public struct JPushBatchResult: Codable, Sendable, Hashable {
    /// One recipient's outcome.
    public struct Recipient: Codable, Sendable, Hashable {
        /// The message id when JPush accepted the message (`msg_id`, a number or a string in JSON).
        public var messageID: String?
        /// The mobile number as JPush echoed it.
        public var mobile: String
        /// The JSMS error code when this recipient failed (`error_code`).
        public var errorCode: Int?
        /// The provider's message for the failure, verbatim (`error_message`).
        public var errorMessage: String?

        enum CodingKeys: String, CodingKey {
            case messageID = "msg_id"
            case mobile
            case errorCode = "error_code"
            case errorMessage = "error_message"
        }

        /// An outcome for `mobile`: a message id when accepted, an error code and message when not.
        public init(messageID: String?, mobile: String, errorCode: Int? = nil, errorMessage: String? = nil) {
            self.messageID = messageID
            self.mobile = mobile
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        /// Reads `msg_id`, `mobile` and `error_code` whether JSMS sent them as numbers or strings (an empty id is
        /// none).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let id = try container.decodeIfPresent(JPushLenientString.self, forKey: .messageID)?.value
            messageID = id?.isEmpty == false ? id : nil
            mobile = try container.decode(JPushLenientString.self, forKey: .mobile).value
            if let code = try container.decodeIfPresent(JPushLenientString.self, forKey: .errorCode)?.value,
                !code.isEmpty
            {
                guard let number = Int(code) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .errorCode, in: container, debugDescription: "error_code \(code) is not an integer")
                }
                errorCode = number
            } else {
                errorCode = nil
            }
            errorMessage = try container.decodeIfPresent(String.self, forKey: .errorMessage)
        }

        /// Whether JPush accepted the message for this recipient.
        public var succeeded: Bool { messageID != nil && (errorCode == nil || errorCode == JPushErrorCatalog.ok) }

        /// The meaning of `errorCode`, when JSMS documents it.
        public var errorMeaning: String? { errorCode.flatMap(JPushError.meaning(ofCode:)) }
    }

    /// How many recipients JPush accepted (`success_count`).
    public var successCount: Int
    /// How many recipients JPush refused (`failure_count`).
    public var failureCount: Int
    /// Each recipient's outcome (`recipients`).
    public var recipients: [Recipient]

    enum CodingKeys: String, CodingKey {
        case successCount = "success_count"
        case failureCount = "failure_count"
        case recipients
    }

    /// A result with the given counts and outcomes.
    public init(successCount: Int, failureCount: Int, recipients: [Recipient]) {
        self.successCount = successCount
        self.failureCount = failureCount
        self.recipients = recipients
    }

    /// Reads the counts, and no recipients when the answer lists none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        successCount = try container.decode(Int.self, forKey: .successCount)
        failureCount = try container.decode(Int.self, forKey: .failureCount)
        recipients = try container.decodeIfPresent([Recipient].self, forKey: .recipients) ?? []
    }

    /// The recipients JPush refused, to report one by one.
    public var failures: [Recipient] { recipients.filter { !$0.succeeded } }
}
