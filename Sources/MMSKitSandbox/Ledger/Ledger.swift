import Foundation
import MMSKit

/// What the sandbox's provider accounts hold (balances, templates, tasks, request ids), as a value; not the
/// pushes still owed (`PushCourier`) nor where it is kept (`--state`).
///
/// What `--state DIR` keeps across restarts and what `/_sandbox/state` shows (with the push log).
public struct Ledger: Codable, Sendable {
    /// The ihuyi account: products, templates, tasks and recent request_ids.
    public var ihuyi = IhuyiAccount()
    /// The JPush app and developer account: quotas, templates and sent messages.
    public var jpush = JPushAccount()
    /// The itniotech SMS account's figures.
    public var itniotech = ItniotechAccount()
    /// The SendPulse account: balance, campaigns and tokens issued.
    public var sendPulse = SendPulseAccount()
    /// The next id handed out (task ids, template ids, message ids), so ids never repeat across restarts.
    public var nextID = 100_001

    /// The state of a new sandbox: the standard products, quotas and balances, nothing sent.
    public init() {}

    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// What the sandbox's ihuyi account holds.
    public struct IhuyiAccount: Codable, Sendable {
        /// The MMS products and their balances (two by default).
        public var products: [Product] = [
            Product(id: 1001, name: "营销彩信-通用", balance: 10_000_000),
            Product(id: 1018, name: "营销彩信-房产类", balance: 188_888),
        ]
        /// Templates by template_id.
        public var templates: [Int: Template] = [:]
        /// Sends by task_id.
        public var tasks: [String: Task] = [:]
        /// Answers by request_id, kept 2 hours: a repeated request_id gets the same answer and nothing is done again.
        public var requests: [String: Answer] = [:]

        /// One product of the account.
        public struct Product: Codable, Sendable {
            /// Its product_id.
            public var id: Int
            /// Its name, as the balance call lists it.
            public var name: String
            /// Messages left on it; each recipient of a send takes one.
            public var balance: Int
        }

        /// A template created through the sandbox, with its review.
        public struct Template: Codable, Sendable {
            /// The template's title.
            public var title: String
            /// The template's sign_name.
            public var signName: String
            /// The template's purpose.
            public var purpose: String
            /// `pending`, `SUCCESS` or `FAIL` (the review push's codes).
            public var status: String
            /// The review's message, once reviewed (for a failed review, its reasons).
            public var message: String?
            /// What the linter found: the review fails with these.
            public var errors: [String]
            /// When the template was created.
            public var created: Date
        }

        /// The answer given to a request_id, repeated for the same request_id.
        public struct Answer: Codable, Sendable {
            /// The answer's body.
            public var body: Data
            /// When it was given (it is forgotten 2 hours later).
            public var time: Date
        }
    }

    /// What the sandbox's JPush app and developer account hold.
    public struct JPushAccount: Codable, Sendable {
        /// Quotas given to the app; nil means not allocated (the API answers null).
        public var app = Quotas(balance: 100_000, voice: nil, industry: 1_000_000, market: 1_000_000)
        /// Quotas of the developer account.
        public var developer = Quotas(balance: 9, voice: 702, industry: 121_981, market: 11_683)
        /// Templates by temp_id.
        public var templates: [Int: Template] = [:]
        /// msg_id → the task it was sent in: every recipient of a JSMS batch gets its own msg_id.
        public var tasks: [String: Task] = [:]

        /// Remaining quotas by kind; `nil` means not allocated.
        public struct Quotas: Codable, Sendable {
            /// Quota for every kind of message.
            public var balance: Int?
            /// Voice verification-code quota.
            public var voice: Int?
            /// Industry (notification and verification-code) quota.
            public var industry: Int?
            /// Marketing quota.
            public var market: Int?
        }

        /// A JSMS template created through the sandbox.
        public struct Template: Codable, Sendable {
            /// The template text.
            public var text: String
            /// 1 verification code, 2 notification, 3 marketing.
            public var type: Int
            /// Seconds a verification code stays valid.
            public var ttl: Int?
            /// The note sent for review.
            public var remark: String?
            /// 0 in review, 1 approved, 2 rejected.
            public var status: Int
            /// Why the review rejected it.
            public var refuseReason: String?
        }
    }

    /// What the sandbox's itniotech account holds.
    public struct ItniotechAccount: Codable, Sendable {
        /// The SMS account's figures, as decimal text (itniotech answers every value as a string).
        public var balance = "1000.0000"
        /// The `gift` figure.
        public var gift = "50.0000"
        /// The `credit` figure.
        public var credit = "0"
    }

    /// What the sandbox's SendPulse account holds.
    public struct SendPulseAccount: Codable, Sendable {
        /// The balance's currency.
        public var currency = "USD"
        /// In cents, charged `SendPulseEmulator.centsPerSMS` a number.
        public var balanceCents = 1_000_000
        /// Campaign id → numbers sent.
        public var campaigns: [String: Int] = [:]
        /// How many access tokens the sandbox has issued.
        public var tokensIssued = 0
    }

    /// One send: how many recipients it had and what the sandbox decided for them (what the receipts will say).
    public struct Task: Codable, Sendable {
        /// The provider it was sent through, e.g. `ihuyi`.
        public var provider: ProviderID
        /// How many numbers it went to.
        public var recipients: Int
        /// How many of them the receipts will say were delivered.
        public var delivered: Int
        /// Failure code → count.
        public var failed: [String: Int]
        /// When it was sent.
        public var created: Date
    }
}
