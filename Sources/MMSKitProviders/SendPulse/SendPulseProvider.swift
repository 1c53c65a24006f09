import Foundation
import MMSKit

/// SendPulse, as mmskit's commands see it: the balance, and SMS campaigns (`mmskit send --text`).
public struct SendPulseProvider: BalanceQuerying, CampaignSending {
    /// `sendpulse`: REST API credentials and sending settings; balance and SMS campaigns.
    public static let providerDescription = ProviderDescription(
        id: .sendpulse, displayName: "SendPulse", summary: "SendPulse SMS over its REST API",
        credentialKeys: [
            CredentialKey("client_id", summary: "the REST API ID (account settings, API tab)"),
            CredentialKey("client_secret", secret: true, summary: "the REST API secret (account settings, API tab)"),
            CredentialKey("sender", summary: "the SMS sender name campaigns are sent from"),
            CredentialKey(
                "rate_limit",
                summary: "requests per second, at most (default 10: the SendPulse API reference's limit)"),
            CredentialKey(
                "chunk_size",
                summary:
                    "numbers per /sms/send request (default \(SendPulseClient.defaultChunkSize): mmskit's choice, the reference gives no limit)"
            ),
            CredentialKey(
                "token_cache",
                summary: "the directory of the access-token cache (default $XDG_CACHE_HOME/mmskit), or off"),
        ],
        defaultBaseURL: SendPulseClient.defaultBaseURL, capabilities: [.balance, .send])

    /// The client every command goes through.
    public var client: SendPulseClient
    /// The SMS sender name (`sender`); a campaign without one fails naming the setting.
    public var sender: String?
    /// Numbers per `/sms/send` request (`chunk_size`, default 500).
    public var chunkSize: Int
    /// A setting that cannot be used, reported when the provider is asked to do something.
    private let settingProblem: String?

    /// The provider for `connection`; a `rate_limit` or `chunk_size` it cannot use is reported when it is used.
    public init(connection: ProviderConnection) {
        let credentials = connection.credentials
        var problem: String?
        func positive(_ key: String, default value: Int, maximum: Int) -> Int {
            guard let text = credentials.value(key) else { return value }
            guard let number = Int(text), (1...maximum).contains(number) else {
                problem = "\(key) is '\(text)'; write a whole number from 1 to \(maximum)"
                return value
            }
            return number
        }
        let rateLimit = positive("rate_limit", default: SendPulseClient.defaultRateLimit, maximum: 1000)
        chunkSize = positive("chunk_size", default: SendPulseClient.defaultChunkSize, maximum: 100_000)
        sender = credentials.value("sender")
        let clientID = credentials.value("client_id")
        var store: any OAuth2TokenStore = InMemoryOAuth2TokenStore()
        if let clientID, credentials.value("token_cache")?.lowercased() != "off" {
            store = FileOAuth2TokenStore(
                directory: credentials.value("token_cache")
                    ?? FileOAuth2TokenStore.defaultDirectory(environment: ProcessInfo.processInfo.environment),
                provider: Self.providerDescription.id,
                tokenURL: connection.baseURL.appendingPathComponent(
                    OAuth2ClientCredentialsAuthenticator.sendPulseTokenPath),
                clientID: clientID)
        }
        settingProblem = problem
        client = SendPulseClient(
            baseURL: connection.baseURL, transport: connection.transport, clientID: clientID,
            clientSecret: credentials.secret("client_secret"), tokenStore: store, rateLimit: rateLimit)
    }

    // MARK: Balance

    /// One account.
    public static let balanceAccounts: [BalanceAccount] = [.main]

    /// Both balance answers, every field as a row (`detail.` in front of the detailed ones). A string that is a
    /// plain decimal number (SendPulse sends `"main": "10000.00"` beside `"balance_currency": 10000`) is an
    /// amount like the numbers, so the column reads the same way throughout.
    public func balance(of account: BalanceAccount) async throws -> BalanceReport {
        if let settingProblem { throw SendPulseError.badSetting(settingProblem) }
        let balance = try await client.balance()
        let rows = (balance.balance.flattened() + balance.detail.flattened(prefix: "detail")).map {
            row -> [BalanceReport.Cell] in
            switch row.value {
            case .number(let number): [.text(row.path), .amount(number)]
            case .string(let text) where text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?/) != nil:
                [.text(row.path), Double(text).map { .amount($0) } ?? .text(text)]
            case .string(let text): [.text(row.path), .text(text)]
            case .bool(let flag): [.text(row.path), .text(String(flag))]
            case .null: [.text(row.path), .text("-")]
            case .array, .object: [.text(row.path), .text("")]
            }
        }
        return BalanceReport(
            columns: [.init("FIELD"), .init("VALUE", numeric: true)], rows: rows,
            emptyMessage: "SendPulse reported no balance fields", json: balance)
    }

    // MARK: Campaigns

    /// Text only (`--text`), no product, sign, parameters or schedule.
    public static let campaignRequirements = CampaignRequirements(
        sources: [.text], maximumChunkSize: SendPulseClient.defaultChunkSize)

    /// The campaign of `options`: the text from the configured sender, in chunks of at most `chunkSize`.
    public func campaign(_ options: CampaignOptions, content: CampaignContent?) throws -> Campaign {
        if let settingProblem { throw SendPulseError.badSetting(settingProblem) }
        guard let text = options.text else { preconditionFailure("checked by campaignRequirements") }
        guard let sender, !sender.isEmpty else {
            throw SendPulseError.badSetting(
                "no SMS sender name: set MMSKIT_SENDPULSE_SENDER (or sendpulse.sender in ~/.config/mmskit/credentials.yml, or --credential sender=NAME)"
            )
        }
        let client = client
        let maximum = chunkSize
        return Campaign(
            parts: [Data(Self.providerDescription.id.rawValue.utf8), Data(sender.utf8), Data(text.utf8)],
            maximumChunkSize: maximum
        ) { _, chunkSize in
            SendPulseDispatcher(client: client, sender: sender, text: text, chunkSize: min(chunkSize, maximum))
        }
    }
}
