import MMSKitProviders
import Testing

@Suite("JPush template drafts")
struct JPushTemplateDraftTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let draft: JPushTemplateDraft
        let reasonContains: String
        var testDescription: String { reasonContains }
    }

    static let invalid: [Case] = [
        Case(draft: .init(text: "", type: .notification), reasonContains: "empty"),
        Case(draft: .init(text: "  \n", type: .marketing), reasonContains: "empty"),
        Case(
            draft: .init(text: String(repeating: "字", count: 501), type: .notification),
            reasonContains: "501 characters"),
        Case(draft: .init(text: "验证码{{code}}", type: .verificationCode), reasonContains: "needs a ttl"),
        Case(
            draft: .init(text: "验证码{{code}}", type: .verificationCode, ttl: 0), reasonContains: "ttl 0 is out of range"),
        Case(
            draft: .init(text: "验证码{{code}}", type: .verificationCode, ttl: -5),
            reasonContains: "ttl -5 is out of range"),
        Case(
            draft: .init(text: "验证码{{code}}", type: .verificationCode, ttl: 86_401),
            reasonContains: "ttl 86401 is out of range"),
        Case(
            draft: .init(text: "{{name}}的验证码{{code}}", type: .verificationCode, ttl: 60), reasonContains: "not {{name}}"
        ),
        Case(draft: .init(text: "您的验证码已发送", type: .verificationCode, ttl: 60), reasonContains: "must contain {{code}}"),
        Case(draft: .init(text: "【极光】订单已发货", type: .notification), reasonContains: "【】"),
        Case(
            draft: .init(text: "查看 https://example.com/{{path}}", type: .notification, remark: "r"),
            reasonContains: "{{path}} must be named {{url}}"),
        Case(
            draft: .init(text: "查看 {{link}}", type: .marketing, remark: "r"),
            reasonContains: "{{link}} must be named {{url}}"),
        Case(
            draft: .init(text: "查看 {{shortUrl}}", type: .marketing, remark: "r"),
            reasonContains: "{{shortUrl}} must be named {{url}}"),
        Case(draft: .init(text: "查看 {{url}}", type: .marketing), reasonContains: "needs a remark"),
    ]

    @Test("drafts that break a JSMS rule are refused with the reason", arguments: invalid)
    func invalidDrafts(_ testCase: Case) throws {
        let error = try #require(#expect(throws: JPushError.self) { try testCase.draft.validate() })
        guard case .invalidDraft(let reason) = error else {
            Issue.record("expected invalidDraft, got \(error)")
            return
        }
        #expect(reason.contains(testCase.reasonContains), "\(reason)")
        #expect(error.description.hasPrefix("invalid JPush template: "))
    }

    static let valid: [JPushTemplateDraft] = [
        .init(text: "您的验证码是{{code}}", type: .verificationCode, ttl: 1),
        .init(text: "您的验证码是{{code}}，{{code}}", type: .verificationCode, ttl: 86_400),
        .init(text: String(repeating: "字", count: 500), type: .notification),
        .init(text: "尊敬的{{name}}，您的订单{{order}}已发货", type: .notification),
        .init(text: "详情见 {{url}} 退订回T", type: .marketing, remark: "活动页面链接"),
        .init(text: "您的安全设置{{security}}已更新", type: .notification),
    ]

    @Test("drafts within the rules pass", arguments: valid)
    func validDrafts(_ draft: JPushTemplateDraft) throws {
        try draft.validate()
    }

    @Test("variables are listed in order, repeats included")
    func variables() {
        let draft = JPushTemplateDraft(text: "{{a}}和{{b}}以及{{a}}", type: .notification)
        #expect(draft.variables == ["a", "b", "a"])
    }
}
