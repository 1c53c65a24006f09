import Foundation
import MMSKit

/// JPush JSMS (极光短信), as mmskit's commands see it: app and developer balances, templates, campaigns.
public struct JPushProvider: BalanceQuerying, CampaignSending {
    /// `jpush`: app and developer credentials; balance, templates and campaigns.
    public static let providerDescription = ProviderDescription(
        id: .jpush, displayName: "JPush", summary: "极光短信 JSMS",
        credentialKeys: [
            CredentialKey("app_key", summary: "the app key (app settings)"),
            CredentialKey("master_secret", secret: true, summary: "the app's master secret (app settings)"),
            CredentialKey("dev_key", summary: "the developer key, for the developer balance (personal info page)"),
            CredentialKey("dev_secret", secret: true, summary: "the developer secret, for the developer balance"),
        ],
        defaultBaseURL: JPushClient.defaultBaseURL, capabilities: [.balance, .templates, .send])

    /// The client every command goes through.
    public var client: JPushClient

    /// The provider for `connection`; each credential pair (app, developer) is used when both of its halves are set.
    public init(connection: ProviderConnection) {
        let credentials = connection.credentials
        client = JPushClient(
            baseURL: connection.baseURL, transport: connection.transport,
            app: credentials.all(["app_key", "master_secret"]).map {
                JPushCredentials(appKey: $0[0], masterSecret: Secret($0[1]))
            },
            developer: credentials.all(["dev_key", "dev_secret"]).map {
                JPushDeveloperCredentials(devKey: $0[0], devSecret: Secret($0[1]))
            })
    }

    // MARK: Balance

    /// The app (`main`) and the developer account (`--dev`).
    public static let balanceAccounts: [BalanceAccount] = [.main, .developer]

    /// The app's quotas, or the developer account's; a quota JPush reports as null is not allocated, not 0.
    public func balance(of account: BalanceAccount) async throws -> BalanceReport {
        let fields =
            account == .developer ? try await client.developerBalance().fields : try await client.appBalance().fields
        return BalanceReport(
            columns: [.init("QUOTA"), .init("REMAINING", numeric: true)],
            rows: fields.map { [.text($0.name), .quota($0.value)] }, emptyMessage: "JPush reported no quotas",
            json: QuotaJSON(fields: fields))
    }

    /// The quotas as one JSON object, null (not allocated) kept distinct from 0.
    struct QuotaJSON: Encodable, Sendable {
        var fields: [(name: String, value: Int?)]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for field in fields {
                if let value = field.value {
                    try container.encode(value, forKey: Key(stringValue: field.name))
                } else {
                    try container.encodeNil(forKey: Key(stringValue: field.name))
                }
            }
        }
    }

    // MARK: Campaigns

    /// An approved template only, with an optional `--sign-id` and `--param` values.
    public static let campaignRequirements = CampaignRequirements(
        sources: [.template], takesSignID: true, takesParameters: true, maximumChunkSize: JPushClient.maximumBatchSize)

    /// The campaign of `options`: JSMS batch sends of the template with its sign and parameters.
    public func campaign(_ options: CampaignOptions, content: CampaignContent?) throws -> Campaign {
        guard let templateID = options.templateID else { preconditionFailure("checked by campaignRequirements") }
        let parameters = options.parameters
        let parts =
            [
                Data(Self.providerDescription.id.rawValue.utf8), Data(String(templateID).utf8),
                Data(String(options.signID ?? 0).utf8),
            ]
            + parameters.sorted { $0.key < $1.key }.map { Data("\($0.key)=\($0.value)".utf8) }
        let client = client
        let signID = options.signID
        return Campaign(parts: parts, maximumChunkSize: JPushClient.maximumBatchSize) { _, chunkSize in
            JPushDispatcher(
                client: client, templateID: templateID, signID: signID,
                parameters: parameters.isEmpty ? nil : parameters,
                chunkSize: chunkSize)
        }
    }
}
