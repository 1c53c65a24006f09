import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush secrets stay out of output")
struct JPushSecretRedactionTests {
    static let secrets = [JPushFixtures.masterSecret, JPushFixtures.devSecret]

    static func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }

    @Test("descriptions and dumps of credentials, client, requests and errors never contain a secret")
    func noSecretInOutput() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"app_balance":1}"#), .text(200, #"{"dev_balance":1}"#),
            .text(200, #"{"msg_id":1}"#),
            .text(401, JPushFixtures.errorBody(code: 50002, message: "Authentication failed")),
            .text(502, "<html>bad gateway</html>"))
        let client = JPushFixtures.client(transport)
        _ = try await client.appBalance()
        _ = try await client.developerBalance()
        _ = try await client.sendMessage(mobile: "13800138000", templateID: 1, parameters: ["code": "1"])
        let authError = try #require(await #expect(throws: JPushError.self) { try await client.appBalance() })
        let unreadable = try #require(await #expect(throws: JPushError.self) { try await client.developerBalance() })

        var outputs: [String] = [
            "\(client)", String(describing: client), String(reflecting: client), Self.dumped(client),
            "\(JPushFixtures.app)", String(reflecting: JPushFixtures.app), Self.dumped(JPushFixtures.app),
            "\(JPushFixtures.developer)", String(reflecting: JPushFixtures.developer),
            Self.dumped(JPushFixtures.developer),
        ]
        let errors: [JPushError] = [
            authError, unreadable, .missingCredentials(.app), .missingCredentials(.developer), .invalidDraft("x"),
            .tooManyRecipients(1001), .noRecipients, .transport(TransportError(.connectionFailed, "refused")),
        ]
        for error in errors {
            outputs += ["\(error)", String(describing: error), String(reflecting: error), Self.dumped(error)]
            outputs += [error.hint ?? "", error.meaning ?? ""]
        }
        #expect(transport.requests.count == 5)
        for request in transport.requests {
            outputs += ["\(request)", String(reflecting: request), Self.dumped(request)]
        }
        for output in outputs {
            for secret in Self.secrets {
                #expect(!output.contains(secret), "\(output)")
            }
        }
        #expect(String(describing: JPushFixtures.app).contains(JPushFixtures.appKey))
        #expect(String(describing: client).contains(JPushFixtures.appKey))
    }

    @Test("a request dump does not print the Basic token either")
    func noTokenInRequestDump() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"app_balance":1}"#))
        _ = try await JPushFixtures.client(transport).appBalance()
        let request = try #require(transport.requests.first)
        let token = try #require(request.headers["Authorization"]?.split(separator: " ").last.map(String.init))
        #expect(!"\(request)".contains(token))
        #expect(!String(reflecting: request).contains(token))
        var dumped = ""
        dump(request, to: &dumped)
        #expect(!dumped.contains(token))
    }
}
