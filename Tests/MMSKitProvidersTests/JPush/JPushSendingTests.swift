import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush sending")
struct JPushSendingTests {
    @Test("a single send posts mobile, temp_id, temp_para and sign_id")
    func singleSendBody() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"msg_id":288193860302}"#))
        let id = try await JPushFixtures.client(transport).sendMessage(
            mobile: "13800138000", templateID: 1, parameters: ["code": "123456"], signID: 12)
        #expect(id == "288193860302")
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.path == "/v1/messages")
        let body = try JPushFixtures.jsonBody(request)
        #expect(Set(body.keys) == ["mobile", "temp_id", "temp_para", "sign_id"])
        #expect(body["mobile"] as? String == "13800138000")
        #expect(body["temp_id"] as? Int == 1)
        #expect(body["sign_id"] as? Int == 12)
        #expect(body["temp_para"] as? [String: String] == ["code": "123456"])
    }

    @Test("without parameters or sign, the body has neither key")
    func singleSendMinimalBody() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"msg_id":"abc"}"#))
        _ = try await JPushFixtures.client(transport).sendMessage(mobile: "13800138000", templateID: 1)
        let body = try JPushFixtures.jsonBody(transport.requests.first)
        #expect(Set(body.keys) == ["mobile", "temp_id"])
    }

    @Test(
        "msg_id is accepted as a number or a string",
        arguments: [
            (#"{"msg_id":1234567890123}"#, "1234567890123"),
            (#"{"msg_id":"1234567890123"}"#, "1234567890123"),
            (#"{"msg_id":"a1b2-c3"}"#, "a1b2-c3"),
        ])
    func messageIDForms(body: String, expected: String) async throws {
        let transport = RecordingTransport(responses: .text(200, body))
        let id = try await JPushFixtures.client(transport).sendMessage(mobile: "13800138000", templateID: 1)
        #expect(id == expected)
    }

    @Test("an answer without msg_id is unreadable", arguments: [#"{}"#, #"{"msg_id":null}"#, #"{"msg_id":[1]}"#])
    func messageIDMissing(body: String) async throws {
        let transport = RecordingTransport(responses: .text(200, body))
        let client = JPushFixtures.client(transport)
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await client.sendMessage(mobile: "13800138000", templateID: 1)
            })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.endpoint == "POST /v1/messages")
        #expect(detail.status == 200)
    }

    static func batch(_ count: Int) -> JPushBatch {
        JPushBatch(
            templateID: 5, signID: 3, tag: "campaign-7",
            recipients: (0..<count).map { .init(mobile: String(13_800_000_000 + $0), parameters: ["name": "客户\($0)"]) })
    }

    @Test("an empty batch is refused and nothing is sent")
    func emptyBatch() async throws {
        let transport = RecordingTransport()
        await #expect(throws: JPushError.noRecipients) {
            try await JPushFixtures.client(transport).sendBatch(Self.batch(0))
        }
        #expect(transport.requests.isEmpty)
    }

    @Test("1001 recipients are refused and nothing is sent")
    func oversizedBatch() async throws {
        let transport = RecordingTransport()
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await JPushFixtures.client(transport).sendBatch(Self.batch(1001))
            })
        #expect(error == .tooManyRecipients(1001))
        #expect(error.description.contains("1001"))
        #expect(error.hint?.contains("at most 1000 per request") == true)
        #expect(transport.requests.isEmpty)
    }

    @Test("1000 recipients go out in one request")
    func fullBatch() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"success_count":1000,"failure_count":0,"recipients":[]}"#))
        let result = try await JPushFixtures.client(transport).sendBatch(Self.batch(1000))
        #expect(result.successCount == 1000)
        #expect(transport.requests.count == 1)
        let body = try JPushFixtures.jsonBody(transport.requests.first)
        #expect((body["recipients"] as? [Any])?.count == 1000)
    }

    @Test("a batch posts sign_id, temp_id, tag and each recipient's mobile and temp_para")
    func batchBody() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"success_count":2,"failure_count":0,"recipients":[]}"#))
        var batch = Self.batch(1)
        batch.recipients.append(.init(mobile: "13900000000"))
        _ = try await JPushFixtures.client(transport).sendBatch(batch)
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.path == "/v1/messages/batch")
        let body = try JPushFixtures.jsonBody(request)
        #expect(Set(body.keys) == ["sign_id", "temp_id", "tag", "recipients"])
        #expect(body["sign_id"] as? Int == 3)
        #expect(body["temp_id"] as? Int == 5)
        #expect(body["tag"] as? String == "campaign-7")
        let recipients = try #require(body["recipients"] as? [[String: Any]])
        #expect(recipients.count == 2)
        #expect(Set(recipients[0].keys) == ["mobile", "temp_para"])
        #expect(recipients[0]["mobile"] as? String == "13800000000")
        #expect(recipients[0]["temp_para"] as? [String: String] == ["name": "客户0"])
        #expect(Set(recipients[1].keys) == ["mobile"])
    }

    @Test("a batch without sign or tag leaves both keys out")
    func batchMinimalBody() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"success_count":1,"failure_count":0,"recipients":[]}"#))
        _ = try await JPushFixtures.client(transport).sendBatch(
            JPushBatch(templateID: 5, recipients: [.init(mobile: "13800000000")]))
        let body = try JPushFixtures.jsonBody(transport.requests.first)
        #expect(Set(body.keys) == ["temp_id", "recipients"])
    }

    @Test("per-recipient failures are parsed and can be reported one by one")
    func perRecipientFailures() async throws {
        let answer = """
            {"success_count":2,"failure_count":2,"recipients":[
              {"msg_id":288193860302,"mobile":"13800138000"},
              {"msg_id":"288193860303","mobile":"13800138001"},
              {"mobile":"1380013800","error_code":50006,"error_message":"invalid mobile"},
              {"msg_id":null,"mobile":"13800138003","error_code":"50024","error_message":"user unsubscribed"}
            ]}
            """
        let transport = RecordingTransport(responses: .text(200, answer))
        let result = try await JPushFixtures.client(transport).sendBatch(Self.batch(4))
        #expect(result.successCount == 2)
        #expect(result.failureCount == 2)
        #expect(result.recipients.count == 4)
        #expect(result.recipients[0] == .init(messageID: "288193860302", mobile: "13800138000"))
        #expect(result.recipients[1].messageID == "288193860303")
        #expect(result.recipients[1].succeeded)
        #expect(
            result.failures == [
                .init(messageID: nil, mobile: "1380013800", errorCode: 50006, errorMessage: "invalid mobile"),
                .init(messageID: nil, mobile: "13800138003", errorCode: 50024, errorMessage: "user unsubscribed"),
            ])
        #expect(result.failures.map(\.errorMeaning) == ["invalid mobile number", "recipient unsubscribed"])
    }

    @Test("a batch answer without the counts is unreadable")
    func batchUnexpectedShape() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"recipients":[]}"#))
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await JPushFixtures.client(transport).sendBatch(Self.batch(1))
            })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.endpoint == "POST /v1/messages/batch")
        #expect(detail.reason.contains("success_count"))
    }
}
