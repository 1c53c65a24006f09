import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush balances")
struct JPushBalanceTests {
    @Test("the app balance is a GET of /v1/accounts/app")
    func appBalanceRequestAndValues() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"app_balance":1,"app_voice":22,"app_industry":44,"app_market":14}"#))
        let balance = try await JPushFixtures.client(transport).appBalance()
        let request = try #require(transport.requests.first)
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "https://jsms.test.invalid/v1/accounts/app")
        #expect(request.body == nil)
        #expect(balance == JPushAppBalance(balance: 1, voice: 22, industry: 44, market: 14))
    }

    @Test("the developer balance is a GET of /v1/accounts/dev")
    func developerBalanceRequestAndValues() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"dev_balance":9,"dev_voice":702,"dev_industry":121981,"dev_market":11683}"#))
        let balance = try await JPushFixtures.client(transport).developerBalance()
        let request = try #require(transport.requests.first)
        #expect(request.method == .get)
        #expect(request.url.path == "/v1/accounts/dev")
        #expect(balance == JPushDeveloperBalance(balance: 9, voice: 702, industry: 121981, market: 11683))
    }

    @Test("null means not allocated and stays distinct from 0")
    func nullIsNotZero() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"app_balance":0,"app_voice":null,"app_industry":0,"app_market":null}"#))
        let balance = try await JPushFixtures.client(transport).appBalance()
        #expect(balance.balance == 0)
        #expect(balance.voice == nil)
        #expect(balance.industry == 0)
        #expect(balance.market == nil)
        #expect(balance.fields.map(\.name) == ["app_balance", "app_voice", "app_industry", "app_market"])
        #expect(balance.fields.map(\.value) == [0, nil, 0, nil])
    }

    @Test("encoding keeps null for unallocated quota, and the JSON round-trips")
    func encodingKeepsNull() throws {
        let balance = JPushDeveloperBalance(balance: 0, voice: nil, industry: 5, market: nil)
        let data = try JSONEncoder().encode(balance)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["dev_balance", "dev_voice", "dev_industry", "dev_market"])
        #expect(object["dev_voice"] is NSNull)
        #expect(object["dev_balance"] as? Int == 0)
        #expect(try JSONDecoder().decode(JPushDeveloperBalance.self, from: data) == balance)
    }

    @Test("a 2xx body with none of the balance fields is unreadable")
    func unexpectedShape() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"balance":5}"#))
        let error = try #require(
            await #expect(throws: JPushError.self) { try await JPushFixtures.client(transport).appBalance() })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.status == 200)
        #expect(detail.endpoint == "GET /v1/accounts/app")
        #expect(detail.bodyPreview == #"{"balance":5}"#)
    }
}
