import Foundation
import MMSKit
import MMSKitProviders

/// A provider that exists only in the tests, to prove that a provider is a folder plus one registration line:
/// it declares its credential keys and capabilities and nothing outside this folder knows it.
/// Its API: `GET /balance` → `{"credit": 12.5}`; `POST /send` with `{"to": […], "text": "…"}` → `{"id": "…"}`,
/// both with `X-Token`.
struct TestSMSProvider: BalanceQuerying, CampaignSending {
    static let providerDescription = ProviderDescription(
        id: "testsms", displayName: "TestSMS", summary: "a provider of the tests",
        credentialKeys: [
            CredentialKey("token", secret: true, summary: "the API token"),
            CredentialKey("account", summary: "the account"),
        ],
        defaultBaseURL: URL(string: "https://testsms.invalid")!, capabilities: [.balance, .send])

    let connection: ProviderConnection

    init(connection: ProviderConnection) {
        self.connection = connection
    }

    static let balanceAccounts: [BalanceAccount] = [.main]

    func balance(of account: BalanceAccount) async throws -> BalanceReport {
        let response = try await connection.transport.send(try request(.get, "balance", body: nil))
        struct Credit: Codable, Sendable { var credit: Double }
        let credit = try JSONDecoder().decode(Credit.self, from: response.body)
        return BalanceReport(
            columns: [.init("CREDIT", numeric: true)], rows: [[.amount(credit.credit)]], emptyMessage: "-", json: credit
        )
    }

    static let campaignRequirements = CampaignRequirements(sources: [.text], maximumChunkSize: 2)

    func campaign(_ options: CampaignOptions, content: CampaignContent?) throws -> Campaign {
        let text = options.text ?? ""
        let provider = self
        return Campaign(parts: [Data("testsms".utf8), Data(text.utf8)], maximumChunkSize: 2) { _, chunkSize in
            TestSMSDispatcher(client: provider, text: text, maximumChunkSize: chunkSize)
        }
    }

    func request(_ method: HTTPRequest.Method, _ path: String, body: Data?) throws -> HTTPRequest {
        guard let token = connection.credentials.secret("token") else { throw TestSMSError.missingToken }
        return HTTPRequest(
            method: method, url: connection.baseURL.appending(path: path), headers: ["X-Token": token.exposedValue],
            body: body)
    }
}

struct TestSMSDispatcher: BatchDispatcher {
    var client: TestSMSProvider
    var provider: ProviderID { "testsms" }
    var text: String
    var maximumChunkSize: Int
    var deduplicatesRequests: Bool { false }
    var deduplicationWindow: Duration { .zero }

    func request(for phones: [PhoneNumber], requestID: String) throws(DispatchError) -> HTTPRequest {
        struct Body: Encodable { var to: [String]; var text: String }
        do {
            return try client.request(
                .post, "send", body: JSONEncoder().encode(Body(to: phones.map(\.digits), text: text)))
        } catch {
            throw DispatchError(.refused, "\(error)")
        }
    }

    func dispatch(
        _ phones: [PhoneNumber], requestID: String, attempt: Int
    ) async throws(DispatchError) -> DispatchReceipt {
        let request = try request(for: phones, requestID: requestID)
        let response: HTTPResponse
        do {
            response = try await client.connection.transport.send(request)
        } catch {
            throw DispatchError(RequestDelivery(error), "\(error)")
        }
        guard response.status == 200 else {
            throw DispatchError(RequestDelivery(httpStatus: response.status), "HTTP \(response.status)")
        }
        return DispatchReceipt(taskID: String(decoding: response.body, as: UTF8.self), accepted: phones.count)
    }
}

enum TestSMSError: Error { case missingToken }
