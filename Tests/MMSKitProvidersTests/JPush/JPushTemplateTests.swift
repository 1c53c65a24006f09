import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite("JPush templates")
struct JPushTemplateTests {
    @Test("creating posts template, type, ttl and remark, and returns temp_id")
    func createSendsAllFields() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"temp_id":1234}"#))
        let draft = JPushTemplateDraft(text: "您的验证码是{{code}}，5分钟内有效", type: .verificationCode, ttl: 300, remark: "登录")
        let id = try await JPushFixtures.client(transport).createTemplate(draft)
        #expect(id == 1234)
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.path == "/v1/templates")
        let body = try JPushFixtures.jsonBody(request)
        #expect(Set(body.keys) == ["template", "type", "ttl", "remark"])
        #expect(body["template"] as? String == "您的验证码是{{code}}，5分钟内有效")
        #expect(body["type"] as? Int == 1)
        #expect(body["ttl"] as? Int == 300)
        #expect(body["remark"] as? String == "登录")
    }

    @Test("optional fields left out are absent from the body, and links keep their slashes")
    func createOmitsNilFields() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"temp_id":7}"#))
        let draft = JPushTemplateDraft(text: "新品上市 https://example.com/a 退订回T", type: .marketing)
        _ = try await JPushFixtures.client(transport).createTemplate(draft)
        let body = try JPushFixtures.jsonBody(transport.requests.first)
        #expect(Set(body.keys) == ["template", "type"])
        #expect(body["type"] as? Int == 3)
        let raw = String(decoding: try #require(transport.requests.first?.body), as: UTF8.self)
        #expect(raw.contains("https://example.com/a"))
    }

    @Test("an invalid draft is refused before anything is sent")
    func invalidDraftSendsNothing() async throws {
        let transport = RecordingTransport()
        let client = JPushFixtures.client(transport)
        let draft = JPushTemplateDraft(text: "", type: .notification)
        await #expect(throws: JPushError.invalidDraft("the template text is empty")) {
            try await client.createTemplate(draft)
        }
        await #expect(throws: JPushError.self) { try await client.updateTemplate(id: 1, draft) }
        #expect(transport.requests.isEmpty)
    }

    @Test(
        "a template is read with its status",
        arguments: [(0, JPushTemplateStatus.inReview), (1, .approved), (2, .rejected)])
    func readTemplate(code: Int, status: JPushTemplateStatus) async throws {
        let body = #"{"temp_id":42,"template":"您的验证码是{{code}}","type":1,"ttl":60,"remark":"r","status":\#(code)}"#
        let transport = RecordingTransport(responses: .text(200, body))
        let template = try await JPushFixtures.client(transport).template(id: 42)
        let request = try #require(transport.requests.first)
        #expect(request.method == .get)
        #expect(request.url.path == "/v1/templates/42")
        #expect(
            template == JPushTemplate(id: 42, text: "您的验证码是{{code}}", typeCode: 1, ttl: 60, remark: "r", status: status)
        )
        #expect(template.type == .verificationCode)
        #expect(template.status.rawValue == code)
    }

    @Test("an unknown status is kept, and a missing temp_id is the one asked for")
    func unknownStatusKept() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"template":"t","type":9,"status":7}"#))
        let template = try await JPushFixtures.client(transport).template(id: 42)
        #expect(template.id == 42)
        #expect(template.status == .unknown(7))
        #expect(template.status.rawValue == 7)
        #expect(template.type == nil)
        #expect(template.typeCode == 9)
    }

    @Test("updating puts the draft at /v1/templates/{id}")
    func updateRequest() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"temp_id":42}"#))
        try await JPushFixtures.client(transport).updateTemplate(
            id: 42, JPushTemplateDraft(text: "订单{{no}}已发货", type: .notification, remark: "发货"))
        let request = try #require(transport.requests.first)
        #expect(request.method == .put)
        #expect(request.url.path == "/v1/templates/42")
        let body = try JPushFixtures.jsonBody(request)
        #expect(body["template"] as? String == "订单{{no}}已发货")
        #expect(body["type"] as? Int == 2)
        #expect(body["remark"] as? String == "发货")
        #expect(body["ttl"] == nil)
    }

    @Test("updating a template that is not rejected explains 50047")
    func updateNotRejected() async throws {
        let transport = RecordingTransport(
            responses: .text(
                403, JPushFixtures.errorBody(code: 50047, message: "only reject status template can be modified")))
        let client = JPushFixtures.client(transport)
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await client.updateTemplate(id: 42, JPushTemplateDraft(text: "订单已发货", type: .notification))
            })
        #expect(error == .api(status: 403, code: 50047, message: "only reject status template can be modified"))
        #expect(error.hint == "only rejected templates can be updated")
        #expect(error.description.contains("only rejected templates can be updated"))
    }

    @Test("deleting is a DELETE with no body, answered by 200 and an empty body")
    func deleteRequest() async throws {
        let transport = RecordingTransport(responses: .text(200, ""))
        try await JPushFixtures.client(transport).deleteTemplate(id: 42)
        let request = try #require(transport.requests.first)
        #expect(request.method == .delete)
        #expect(request.url.path == "/v1/templates/42")
        #expect(request.body == nil)
    }

    @Test("a creation answer without temp_id is unreadable")
    func createWithoutID() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"id":5}"#))
        let client = JPushFixtures.client(transport)
        let error = try #require(
            await #expect(throws: JPushError.self) {
                try await client.createTemplate(JPushTemplateDraft(text: "您好", type: .notification))
            })
        guard case .unreadableResponse(let detail) = error else {
            Issue.record("expected unreadableResponse, got \(error)")
            return
        }
        #expect(detail.endpoint == "POST /v1/templates")
        #expect(detail.reason.contains("temp_id"))
    }
}
