import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush errors")
struct JPushErrorTests {
    struct Code: Sendable, CustomTestStringConvertible {
        let code: Int
        let meaning: String
        /// A fragment the hint must contain; nil when no hint is expected.
        let hint: String?
        var testDescription: String { "\(code)" }
    }

    static let credentials = "check MMSKIT_JPUSH_APP_KEY/MMSKIT_JPUSH_MASTER_SECRET"
    static let variable = "give a value for every {{variable}}"

    /// Every code of the reference, with the meaning and hint a user should see.
    static let codes: [Code] =
        [
            Code(code: 50000, meaning: "ok", hint: nil),
            Code(code: 50001, meaning: "authentication missing", hint: credentials),
            Code(code: 50002, meaning: "authentication failed", hint: credentials),
        ]
        + (50003...50005).map { Code(code: $0, meaning: "a required field is missing", hint: nil) }
        + [
            Code(code: 50006, meaning: "invalid mobile number", hint: "check the recipient's number"),
            Code(code: 50007, meaning: "invalid request body", hint: nil),
            Code(code: 50008, meaning: "SMS not enabled", hint: "enable JSMS for the app in the console"),
            Code(code: 50009, meaning: "frequency limit reached", hint: "slow down"),
        ]
        + (50010...50012).map { Code(code: $0, meaning: "verification code or message state error", hint: nil) }
        + [
            Code(code: 50013, meaning: "invalid template id", hint: "check temp_id"),
            Code(code: 50014, meaning: "no balance", hint: "top up"),
        ]
        + (50015...50019).map { Code(code: $0, meaning: "request error", hint: nil) }
        + [
            Code(code: 50020, meaning: "template in review", hint: "wait for the template to be approved"),
            Code(code: 50021, meaning: "template rejected", hint: "updateTemplate"),
            Code(code: 50022, meaning: "template parameters not all replaced", hint: variable),
            Code(code: 50023, meaning: "template parameters empty", hint: variable),
            Code(code: 50024, meaning: "recipient unsubscribed", hint: "do not send to this number again"),
            Code(code: 50025, meaning: "wrong template type", hint: "use a template of the kind"),
            Code(code: 50026, meaning: "invalid msg_id", hint: nil),
        ]
        + (50027...50029).map { Code(code: $0, meaning: "scheduled send error", hint: nil) }
        + [
            Code(code: 50030, meaning: "recipients empty", hint: "give at least one recipient"),
            Code(code: 50031, meaning: "more than 1000 recipients", hint: "at most 1000 per request"),
            Code(code: 50033, meaning: "app quota not assigned", hint: "assign quota to the app in the console"),
            Code(code: 50034, meaning: "repeated send", hint: "do not resend"),
            Code(code: 50035, meaning: "illegal IP", hint: "whitelist"),
            Code(code: 50036, meaning: "app blacklisted", hint: "contact JPush support"),
            Code(code: 50037, meaning: "sensitive words in content", hint: "reword"),
            Code(code: 50038, meaning: "content too long", hint: "shorten"),
        ]
        + (50039...50041).map { Code(code: $0, meaning: "voice code or ttl error", hint: nil) }
        + (50042...50046).map { Code(code: $0, meaning: "template error", hint: nil) }
        + [
            Code(code: 50047, meaning: "template cannot be updated", hint: "only rejected templates can be updated"),
            Code(code: 50052, meaning: "【】 not allowed in content", hint: "remove 【】 from content"),
            Code(code: 50053, meaning: "link variable needs a remark", hint: "add a remark"),
            Code(code: 50054, meaning: "【】 not allowed in content", hint: "remove 【】 from content"),
        ]
        + (50101...50105).map { Code(code: $0, meaning: "sign error", hint: "check sign_id") }

    @Test("every documented code gives its meaning, the provider's message verbatim and the hint", arguments: codes)
    func mappedCode(_ expected: Code) async throws {
        let message = "provider says “\(expected.code)” 原文 <kept>"
        let transport = RecordingTransport(
            responses: .text(400, JPushFixtures.errorBody(code: expected.code, message: message)))
        let error = try #require(
            await #expect(throws: JPushError.self) { try await JPushFixtures.client(transport).appBalance() })
        #expect(error == .api(status: 400, code: expected.code, message: message))
        #expect(error.meaning == expected.meaning)
        #expect(JPushError.meaning(ofCode: expected.code) == expected.meaning)
        #expect(error.description.contains(message))
        #expect(error.description.contains(expected.meaning))
        #expect(error.description.contains("\(expected.code)"))
        #expect(error.description.contains("HTTP 400"))
        if let hint = expected.hint {
            let actual = try #require(error.hint)
            #expect(actual.contains(hint), "\(actual)")
            #expect(error.description.contains(actual))
        } else {
            #expect(error.hint == nil)
        }
    }

    @Test("the reference's codes are all covered by the table above")
    func tableCoversReference() {
        let listed = Set(Self.codes.map(\.code))
        let reference = Set(50000...50031).union(50033...50047).union(50052...50054).union(50101...50105)
        #expect(listed == reference)
    }

    @Test("an undocumented code keeps the provider's message but claims no meaning")
    func unknownCode() async throws {
        let transport = RecordingTransport(
            responses: .text(500, JPushFixtures.errorBody(code: 59999, message: "something new")))
        let error = try #require(
            await #expect(throws: JPushError.self) { try await JPushFixtures.client(transport).appBalance() })
        #expect(error == .api(status: 500, code: 59999, message: "something new"))
        #expect(error.meaning == nil)
        #expect(error.hint == nil)
        #expect(error.description == #"JPush error 59999, HTTP 500: "something new""#)
    }

    @Test("a string error code is read too")
    func stringCode() async throws {
        let transport = RecordingTransport(
            responses: .text(401, #"{"error":{"code":"50002","message":"Authentication failed"}}"#))
        await #expect(throws: JPushError.api(status: 401, code: 50002, message: "Authentication failed")) {
            try await JPushFixtures.client(transport).appBalance()
        }
    }

    @Test("a JSMS error inside a 2xx answer is still an error")
    func errorIn2xx() async throws {
        let transport = RecordingTransport(
            responses: .text(200, JPushFixtures.errorBody(code: 50014, message: "no money")))
        await #expect(throws: JPushError.api(status: 200, code: 50014, message: "no money")) {
            try await JPushFixtures.client(transport).sendMessage(mobile: "13800138000", templateID: 1)
        }
    }

    @Test("an HTML 502 is unreadable, with the status and the start of the body")
    func htmlBadGateway() async throws {
        let html =
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
            + String(repeating: "<!-- padding -->", count: 40) + "</body></html>"
        let transport = RecordingTransport(responses: .text(502, html, contentType: "text/html"))
        let error = try #require(
            await #expect(throws: JPushError.self) { try await JPushFixtures.client(transport).appBalance() })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.provider == "JPush")
        #expect(detail.endpoint == "GET /v1/accounts/app")
        #expect(detail.status == 502)
        #expect(detail.reason == "a body that is not JSON")
        #expect(detail.bodyPreview.hasPrefix("<html><head><title>502 Bad Gateway</title>"))
        #expect(detail.bodyPreview.hasSuffix("…"))
        #expect(error.description.contains("HTTP 502"))
        #expect(error.description.contains("502 Bad Gateway"))
        #expect(error.meaning == nil)
    }

    @Test(
        "non-2xx answers that are not JSMS errors are unreadable",
        arguments: [
            (503, "", "an empty body instead of a JSMS error"),
            (404, #"{"message":"not found"}"#, "JSON that is not a JSMS error"),
            (500, "Internal Server Error", "a body that is not JSON"),
        ])
    func otherFailures(status: Int, body: String, reason: String) async throws {
        let transport = RecordingTransport(responses: .text(status, body))
        let client = JPushFixtures.client(transport)
        let error = try #require(await #expect(throws: JPushError.self) { try await client.deleteTemplate(id: 3) })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.status == status)
        #expect(detail.reason == reason)
        #expect(detail.endpoint == "DELETE /v1/templates/3")
    }

    @Test("a 2xx HTML page where JSON was expected is unreadable")
    func htmlIn2xx() async throws {
        let transport = RecordingTransport(
            responses: .text(200, "<html>captive portal</html>", contentType: "text/html"))
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await JPushFixtures.client(transport).sendMessage(mobile: "13800138000", templateID: 1)
            })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.status == 200)
        #expect(detail.reason == "a body that is not JSON")
        #expect(detail.bodyPreview == "<html>captive portal</html>")
    }

    @Test("transport failures pass through unchanged, with no retry")
    func transportFailure() async throws {
        let failure = TransportError(.timedOut, "jsms.test.invalid did not answer in time")
        let transport = RecordingTransport([.failure(failure), .success(.text(200, #"{"msg_id":1}"#))])
        await #expect(throws: JPushError.transport(failure)) {
            try await JPushFixtures.client(transport).sendMessage(mobile: "13800138000", templateID: 1)
        }
        #expect(transport.requests.count == 1)
        #expect(transport.remainingAnswers == 1)
        #expect(
            JPushError.transport(failure).description == "JPush: timed out: jsms.test.invalid did not answer in time")
    }
}
