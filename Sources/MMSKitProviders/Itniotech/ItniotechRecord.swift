/// One email's send record, as `/email/getSendEmailRcd` lists it.
public struct ItniotechRecord: Codable, Sendable, Hashable {
    /// A record's status: 0 sent, -1 sending, 1 failed.
    public enum Status: Int, Codable, Sendable, Hashable {
        /// 0: sent.
        case sent = 0
        /// -1: still being sent.
        case sending = -1
        /// 1: failed.
        case failed = 1

        /// How tables and CSV name it.
        public var name: String {
            switch self {
            case .sent: "sent"
            case .sending: "sending"
            case .failed: "failed"
            }
        }
    }

    /// The email's id (`emailId`), as asked for.
    public var emailID: String
    /// The recipient's address (`toAddress`).
    public var toAddress: String
    /// ISO 8601 with an offset, verbatim; empty while there is none.
    public var receiveTime: String
    /// Whether the email was sent, is being sent, or failed.
    public var status: Status

    /// A record with the given fields.
    public init(emailID: String, toAddress: String, receiveTime: String, status: Status) {
        self.emailID = emailID
        self.toAddress = toAddress
        self.receiveTime = receiveTime
        self.status = status
    }

    private enum CodingKeys: String, CodingKey {
        case emailID = "emailId", toAddress, receiveTime, status
    }
}
