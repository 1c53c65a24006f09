import Foundation
import MMSKit

/// ihuyi (互亿无线) marketing MMS, as mmskit's commands see it: balance, templates and journaled campaigns.
public struct IhuyiProvider: BalanceQuerying, CampaignSending {
    /// `ihuyi`: credentials `api_id` and `api_key`; balance, templates and campaigns.
    public static let providerDescription = ProviderDescription(
        id: .ihuyi, displayName: "ihuyi", summary: "互亿无线 marketing MMS",
        credentialKeys: [
            CredentialKey("api_id", summary: "the MMS product's API ID (ihuyi console)"),
            CredentialKey("api_key", secret: true, summary: "the MMS product's API key (ihuyi console)"),
        ],
        defaultBaseURL: IhuyiClient.defaultBaseURL, capabilities: [.balance, .templates, .send])

    /// The client every command goes through.
    public var client: IhuyiClient

    /// The provider for `connection`; without both `api_id` and `api_key`, its calls fail naming them.
    public init(connection: ProviderConnection) {
        let values = connection.credentials.all(["api_id", "api_key"])
        client = IhuyiClient(
            baseURL: connection.baseURL, transport: connection.transport,
            credentials: values.map { IhuyiCredentials(apiID: $0[0], apiKey: Secret($0[1])) })
    }

    // MARK: Balance

    /// One account: the products of the MMS account.
    public static let balanceAccounts: [BalanceAccount] = [.main]

    /// The account's products: each product_id, its name and balance.
    public func balance(of account: BalanceAccount) async throws -> BalanceReport {
        let products = try await client.balance()
        return BalanceReport(
            columns: [.init("PRODUCT_ID", numeric: true), .init("PRODUCT"), .init("BALANCE", numeric: true)],
            rows: products.map { [.text(String($0.productID)), .text($0.productName), .amount($0.balance)] },
            emptyMessage: "the account has no MMS products", json: products)
    }

    // MARK: Campaigns

    /// A template or content, always with `--product-id`; sends may be scheduled with `--at`.
    public static let campaignRequirements = CampaignRequirements(
        sources: [.template, .content], needsProductID: true, takesSendTime: true,
        maximumChunkSize: IhuyiClient.maxRecipientsPerRequest)

    /// The request_id of the body the lint gate checks; chunks are sent under the journal's ids.
    public static let lintRequestID = "lint"

    /// The campaign of `options`: a batchSend of the template or content under the product, sent at its time.
    public func campaign(_ options: CampaignOptions, content: CampaignContent?) throws -> Campaign {
        guard let productID = options.productID else { preconditionFailure("checked by campaignRequirements") }
        var parts = [Data(Self.providerDescription.id.rawValue.utf8), Data(String(productID).utf8)]
        let message: IhuyiBatch.Message
        var lintTarget: LintTarget?
        if let content {
            message = .content(content.content, title: content.title, signName: content.signName)
            let batch = IhuyiBatch(productID: productID, message: message, sendTime: options.sendTime)
            lintTarget = LintTarget(
                body: IhuyiRequestBody.batchSend(batch, phones: [], requestID: Self.lintRequestID), kind: .batch,
                disabledRules: [.recipientCount, .recipientFormat, .recipientDuplicate, .requiredField])
            parts += [
                ContentJSON(content: content.content).data(), Data(content.title.utf8), Data(content.signName.utf8),
            ]
        } else if let templateID = options.templateID {
            message = .template(id: templateID)
            parts.append(Data("template \(templateID)".utf8))
        } else {
            preconditionFailure("checked by campaignRequirements")
        }
        let client = client
        return Campaign(
            parts: parts, legacySendTimePart: 2, lintTarget: lintTarget,
            maximumChunkSize: IhuyiClient.maxRecipientsPerRequest
        ) { sendTime, chunkSize in
            IhuyiDispatcher(
                client: client, batch: IhuyiBatch(productID: productID, message: message, sendTime: sendTime),
                chunkSize: chunkSize)
        }
    }
}
