import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush authentication")
struct JPushAuthenticationTests {
    @Test("app calls send Basic base64(appKey:masterSecret)")
    func appCallsUseAppCredentials() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"app_balance":1,"app_voice":2,"app_industry":3,"app_market":4}"#))
        _ = try await JPushFixtures.client(transport).appBalance()
        let request = try #require(transport.requests.first)
        #expect(
            request.headers["Authorization"] == JPushFixtures.basic(JPushFixtures.appKey, JPushFixtures.masterSecret))
    }

    @Test("the developer balance sends Basic base64(devKey:devSecret), not the app credentials")
    func developerBalanceUsesDeveloperCredentials() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"dev_balance":9,"dev_voice":702,"dev_industry":121981,"dev_market":11683}"#))
        _ = try await JPushFixtures.client(transport).developerBalance()
        let request = try #require(transport.requests.first)
        #expect(request.headers["Authorization"] == JPushFixtures.basic(JPushFixtures.devKey, JPushFixtures.devSecret))
        #expect(
            request.headers["Authorization"] != JPushFixtures.basic(JPushFixtures.appKey, JPushFixtures.masterSecret))
    }

    @Test("RFC 7617 known answer: Aladdin / open sesame")
    func rfc7617KnownAnswer() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"app_balance":1}"#))
        let app = JPushCredentials(appKey: "Aladdin", masterSecret: Secret("open sesame"))
        _ = try await JPushFixtures.client(transport, app: app).appBalance()
        #expect(transport.requests.first?.headers["Authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    }

    @Test("every app endpoint authenticates with the app credentials")
    func everyAppEndpointUsesAppCredentials() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"app_balance":null}"#), .text(200, #"{"temp_id":5}"#),
            .text(200, #"{"temp_id":5,"template":"t","type":2,"status":0}"#), .text(200, #"{"temp_id":5}"#),
            .text(200, ""), .text(200, #"{"msg_id":1}"#),
            .text(200, #"{"success_count":1,"failure_count":0,"recipients":[]}"#))
        let client = JPushFixtures.client(transport)
        let draft = JPushTemplateDraft(text: "您的订单已发货", type: .notification)
        _ = try await client.appBalance()
        _ = try await client.createTemplate(draft)
        _ = try await client.template(id: 5)
        try await client.updateTemplate(id: 5, draft)
        try await client.deleteTemplate(id: 5)
        _ = try await client.sendMessage(mobile: "13800138000", templateID: 5)
        _ = try await client.sendBatch(JPushBatch(templateID: 5, recipients: [.init(mobile: "13800138000")]))
        let expected = JPushFixtures.basic(JPushFixtures.appKey, JPushFixtures.masterSecret)
        #expect(transport.requests.count == 7)
        for request in transport.requests {
            #expect(request.headers["Authorization"] == expected, "\(request.method.rawValue) \(request.url.path)")
        }
    }

    @Test("requests with a body declare JSON in UTF-8; bodiless ones declare nothing")
    func contentType() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"msg_id":1}"#), .text(200, ""))
        let client = JPushFixtures.client(transport)
        _ = try await client.sendMessage(mobile: "13800138000", templateID: 1)
        try await client.deleteTemplate(id: 1)
        #expect(transport.requests[0].headers["Content-Type"] == "application/json; charset=utf-8")
        #expect(transport.requests[1].headers["Content-Type"] == nil)
        #expect(transport.requests[1].body == nil)
    }

    @Test("a call without app credentials names the app variables and sends nothing")
    func missingAppCredentials() async throws {
        let transport = RecordingTransport()
        let client = JPushFixtures.client(transport, app: nil)
        let error = try #require(await #expect(throws: JPushError.self) { try await client.appBalance() })
        #expect(error == .missingCredentials(.app))
        #expect(error.description.contains("MMSKIT_JPUSH_APP_KEY"))
        #expect(error.description.contains("MMSKIT_JPUSH_MASTER_SECRET"))
        await #expect(throws: JPushError.missingCredentials(.app)) {
            try await client.sendMessage(mobile: "13800138000", templateID: 1)
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("the developer balance without developer credentials names the developer variables")
    func missingDeveloperCredentials() async throws {
        let transport = RecordingTransport()
        let client = JPushFixtures.client(transport, developer: nil)
        let error = try #require(await #expect(throws: JPushError.self) { try await client.developerBalance() })
        #expect(error == .missingCredentials(.developer))
        #expect(error.description.contains("MMSKIT_JPUSH_DEV_KEY"))
        #expect(error.description.contains("MMSKIT_JPUSH_DEV_SECRET"))
        #expect(transport.requests.isEmpty)
    }
}
