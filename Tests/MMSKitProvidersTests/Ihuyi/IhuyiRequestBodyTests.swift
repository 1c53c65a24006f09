import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

/// The lint gate checks the bytes that are sent: one function builds each body, and signing only puts the
/// authentication fields in front of it.
@Suite struct IhuyiRequestBodyTests {
    static let credentials = IhuyiCredentials(apiID: "C80604386", apiKey: Secret("k3y-SECRET"))
    static let content = MMSContent(frames: [Frame(text: "新品上市。回T退订")])

    /// The sent body, less the `{"api_id":…,"timestamp":…,"signature":"…",` that signing put in front.
    static func payload(ofSent body: Data, timestamp: Int) throws -> Data {
        let prefix = Data(#"{"api_id":"C80604386","timestamp":\#(timestamp),"signature":""#.utf8)
        try #require(body.starts(with: prefix))
        // 32 hex digits of signature, its closing quote and the comma.
        return Data("{".utf8) + body.dropFirst(prefix.count + 32 + 2)
    }

    @Test func templateCreateSendsTheGatedBytes() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"code":"OK","message":"ok","template_id":77}"#))
        let client = IhuyiClient(
            transport: transport, credentials: Self.credentials, now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let fields = TemplateFields(title: "春季", signName: "【星河咖啡】", purpose: "会员")
        let gated = IhuyiRequestBody.templateCreate(fields, content: Self.content, requestID: "r-1")
        #expect(try await client.createTemplate(fields: fields, content: Self.content, requestID: "r-1") == 77)
        let sent = try #require(transport.requests.first?.body)
        #expect(try Self.payload(ofSent: sent, timestamp: 1_700_000_000) == gated)
        let signature = IhuyiSignature.sign(
            apiID: "C80604386", apiKey: Secret("k3y-SECRET"), requestID: "r-1", timestamp: 1_700_000_000)
        #expect(
            String(decoding: sent, as: UTF8.self).hasPrefix(
                #"{"api_id":"C80604386","timestamp":1700000000,"signature":"\#(signature)","request_id":"r-1","title":"春季","sign_name":"【星河咖啡】","purpose":"会员","content":"#
            ))
        #expect(!String(decoding: sent, as: UTF8.self).contains("k3y-SECRET"))
    }

    @Test func aContentCampaignSendsTheGatedBodyWithItsRecipients() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"code":"OK","message":"ok","task_id":"T1"}"#))
        let provider = IhuyiProvider(
            connection: ProviderConnection(
                credentials: ProviderCredentials(
                    provider: IhuyiProvider.providerDescription,
                    values: ["api_id": "C80604386", "api_key": "k3y-SECRET"]),
                baseURL: URL(string: "http://127.0.0.1:1")!, transport: transport))
        let options = CampaignOptions(productID: 1018, contentPath: "promo", sendTime: "2099-01-01 09:00:00")
        let campaign = try provider.campaign(
            options, content: CampaignContent(content: Self.content, title: "春季", signName: "【星河咖啡】"))
        let target = try #require(campaign.lintTarget)
        #expect(target.kind == .batch)
        let dispatcher = campaign.dispatcher("2099-01-01 09:00:00", 100)
        _ = try await dispatcher.dispatch(
            [try PhoneNumber("13800138000")], requestID: IhuyiProvider.lintRequestID, attempt: 1)
        let sent = try #require(transport.requests.first?.body)
        let timestamp =
            try #require(try JSONSerialization.jsonObject(with: sent) as? [String: Any])["timestamp"] as? Int
        let payload = String(
            decoding: try Self.payload(ofSent: sent, timestamp: try #require(timestamp)), as: UTF8.self)
        // The same bytes as the gate's, the recipients filled in.
        #expect(
            payload
                == String(decoding: target.body, as: UTF8.self).replacingOccurrences(
                    of: #""phone":[]"#, with: #""phone":["13800138000"]"#))
        // And the linter finds nothing wrong with what the gate checks.
        let configuration = LintConfiguration()
        let linted = Linter(sniffer: try MediaSniffer(), configuration: configuration, kind: target.kind).lint(
            data: target.body, file: "body.json")
        let errors = linted.diagnostics.filter { diagnostic in
            diagnostic.severity == .error && !target.disabledRules.contains { $0 == diagnostic.ruleID }
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func aPayloadWithoutARequestIDIsNotSigned() {
        #expect(
            IhuyiSignature.signedBody(Data(#"{"title":"x"}"#.utf8), credentials: Self.credentials, timestamp: 1) == nil)
        #expect(IhuyiRequestBody.requestID(of: IhuyiRequestBody.balance(requestID: "abc")) == "abc")
    }
}
