import Foundation

/// Everything the sandbox remembers about its accounts: what `--state DIR` keeps across restarts and what
/// `/_sandbox/state` shows (with the push log). Pushes still waiting to be sent are not part of it.
public struct SandboxSnapshot: Codable, Sendable {
    public var ihuyi = IhuyiAccount()
    public var jpush = JPushAccount()
    public var itniotech = ItniotechAccount()
    public var sendPulse = SendPulseAccount()
    /// The next id handed out (task ids, template ids, message ids), so ids never repeat across restarts.
    public var nextID = 100_001

    public init() {}

    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    public struct IhuyiAccount: Codable, Sendable {
        public var products: [Product] = [
            Product(id: 1001, name: "营销彩信-通用", balance: 10_000_000),
            Product(id: 1018, name: "营销彩信-房产类", balance: 188_888),
        ]
        public var templates: [Int: Template] = [:]
        public var tasks: [String: Task] = [:]
        /// Answers by request_id, kept 2 hours: a repeated request_id gets the same answer and nothing is done again.
        public var requests: [String: Answer] = [:]

        public struct Product: Codable, Sendable {
            public var id: Int
            public var name: String
            public var balance: Int
        }

        public struct Template: Codable, Sendable {
            public var title: String
            public var signName: String
            public var purpose: String
            /// `pending`, `SUCCESS` or `FAIL` (the review push's codes).
            public var status: String
            public var message: String?
            /// What the linter found: the review fails with these.
            public var errors: [String]
            public var created: Date
        }

        public struct Answer: Codable, Sendable {
            public var body: Data
            public var time: Date
        }
    }

    public struct JPushAccount: Codable, Sendable {
        /// Quotas given to the app; nil means not allocated (the API answers null).
        public var app = Quotas(balance: 100_000, voice: nil, industry: 1_000_000, market: 1_000_000)
        public var developer = Quotas(balance: 9, voice: 702, industry: 121_981, market: 11_683)
        public var templates: [Int: Template] = [:]
        /// msg_id → the task it was sent in: every recipient of a JSMS batch gets its own msg_id.
        public var tasks: [String: Task] = [:]

        public struct Quotas: Codable, Sendable {
            public var balance: Int?
            public var voice: Int?
            public var industry: Int?
            public var market: Int?
        }

        public struct Template: Codable, Sendable {
            public var text: String
            public var type: Int
            public var ttl: Int?
            public var remark: String?
            /// 0 in review, 1 approved, 2 rejected.
            public var status: Int
            public var refuseReason: String?
        }
    }

    public struct ItniotechAccount: Codable, Sendable {
        /// The SMS account's figures, as decimal text (itniotech answers every value as a string).
        public var balance = "1000.0000"
        public var gift = "50.0000"
        public var credit = "0"
    }

    public struct SendPulseAccount: Codable, Sendable {
        public var currency = "USD"
        /// In cents, charged `SendPulseSandbox.centsPerSMS` a number.
        public var balanceCents = 1_000_000
        /// Campaign id → numbers sent.
        public var campaigns: [String: Int] = [:]
        public var tokensIssued = 0
    }

    /// One send: how many recipients it had and what the sandbox decided for them (what the receipts will say).
    public struct Task: Codable, Sendable {
        public var provider: String
        public var recipients: Int
        public var delivered: Int
        /// Failure code → count.
        public var failed: [String: Int]
        public var created: Date
    }
}
