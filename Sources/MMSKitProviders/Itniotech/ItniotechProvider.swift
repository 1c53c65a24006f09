import Foundation
import MMSKit

/// itniotech, as mmskit's commands see it: email send records (`mmskit records`) and the SMS balance.
public struct ItniotechProvider: BalanceQuerying, RecordQuerying {
    /// `itniotech`: an API key pair; balance and send records.
    public static let providerDescription = ProviderDescription(
        id: .itniotech, displayName: "itniotech", summary: "itniotech email send records and SMS balance",
        credentialKeys: [
            CredentialKey("api_key", secret: true, summary: "the API key (itniotech console)"),
            CredentialKey("api_secret", secret: true, summary: "the API secret (itniotech console)"),
            CredentialKey(
                "records_method",
                summary: "how record queries are sent: post (a JSON body, the default) or get (the query string)"),
        ],
        defaultBaseURL: ItniotechClient.defaultBaseURL, capabilities: [.balance, .records])

    /// The client every command goes through.
    public var client: ItniotechClient
    /// A `records_method` that is neither post nor get, reported when records are queried.
    private let badQueryMethod: String?

    /// The provider for `connection`; a `records_method` it cannot use is reported when records are queried.
    public init(connection: ProviderConnection) {
        let credentials = connection.credentials
        let method = credentials.value("records_method").map { $0.lowercased() }
        let queryMethod = method.flatMap(ItniotechClient.QueryMethod.init(rawValue:))
        badQueryMethod = queryMethod == nil ? method : nil
        client = ItniotechClient(
            baseURL: connection.baseURL, transport: connection.transport,
            apiKey: credentials.secret("api_key")?.exposedValue, apiSecret: credentials.secret("api_secret"),
            queryMethod: queryMethod ?? .post)
    }

    // MARK: Balance

    /// One account.
    public static let balanceAccounts: [BalanceAccount] = [.main]

    /// The balance, gift and credit, as one row.
    public func balance(of account: BalanceAccount) async throws -> BalanceReport {
        let balance = try await client.balance()
        return BalanceReport(
            columns: [.init("BALANCE", numeric: true), .init("GIFT", numeric: true), .init("CREDIT", numeric: true)],
            rows: [[.amount(balance.balance), .amount(balance.gift), .amount(balance.credit)]],
            emptyMessage: "itniotech reported no balance", json: balance)
    }

    // MARK: Records

    /// Record queries name the application (`--app-id`).
    public static let recordsNeedAppID = true

    /// The records of the query's ids, with the provider's counts and the ids it did not find.
    public func records(_ query: RecordQuery) async throws -> RecordReport {
        if let badQueryMethod {
            throw ItniotechError.badSetting(
                "records_method is '\(badQueryMethod)'; write post (a JSON body) or get (the query string)")
        }
        guard let appID = query.appID else { throw ItniotechError.badSetting("record queries need --app-id") }
        let records = try await client.records(appID: appID, ids: query.ids)
        return RecordReport(
            columns: ["EMAIL_ID", "TO", "STATUS", "RECEIVED"],
            rows: records.records.map { [$0.emailID, $0.toAddress, $0.status.name, $0.receiveTime] },
            summary:
                "\(records.success) sent, \(records.fail) failed, \(records.sending) sending, \(records.notFound.count) not found",
            notFound: records.notFound, json: records)
    }
}
