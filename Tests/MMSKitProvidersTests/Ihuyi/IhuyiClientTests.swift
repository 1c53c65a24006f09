import Crypto
import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

@Suite struct IhuyiClientTests {
    static let key = "k3y-SECRET-9d2e"
    static let credentials = IhuyiCredentials(apiID: "C80604386", apiKey: Secret(key))
    static let fixedNow = Date(timeIntervalSince1970: 1_700_000_000)

    func client(_ transport: RecordingTransport, credentials: IhuyiCredentials? = credentials) -> IhuyiClient {
        IhuyiClient(
            baseURL: URL(string: "https://api.example.test")!, transport: transport, credentials: credentials,
            now: { Self.fixedNow })
    }

    func body(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
    }

    @Test func signatureFollowsTheDocumentedRecipe() {
        // The reference's recipe, done by hand: sorted key=value pairs joined with &, MD5, lower-case hex.
        let text = "api_id=C80604386&api_key=\(Self.key)&request_id=2f1c6c3e-1&timestamp=1700000000"
        let expected = Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
        let signature = IhuyiSignature.sign(
            apiID: "C80604386", apiKey: Secret(Self.key), requestID: "2f1c6c3e-1", timestamp: 1_700_000_000)
        #expect(signature == expected)
        #expect(signature.count == 32)
        #expect(signature == signature.lowercased())
    }

    @Test func batchSendBodyHasExactlyTheDocumentedFields() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"code":"OK","message":"提交成功","task_id":"T100"}"#))
        let content = MMSContent(frames: [Frame(text: "新品上市。回T退订")])
        let batch = IhuyiBatch(
            productID: 1018, message: .content(content, title: "春季", signName: "【星河咖啡】"),
            sendTime: "2026-12-01 09:30:00")
        let phones = [try PhoneNumber("13800138000"), try PhoneNumber("+86 139 0013 9000")]
        let taskID = try await client(transport).sendBatch(batch, to: phones, requestID: "req-1")
        #expect(taskID == "T100")
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.example.test/mms/v1/batchSend")
        #expect(request.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let sent = try body(request)
        #expect(
            Set(sent.keys) == [
                "api_id", "request_id", "timestamp", "signature", "product_id", "phone", "sign_name", "title",
                "content", "send_time",
            ])
        #expect(sent["api_id"] as? String == "C80604386")
        #expect(sent["request_id"] as? String == "req-1")
        #expect((sent["timestamp"] as? NSNumber)?.intValue == 1_700_000_000)
        #expect(
            sent["signature"] as? String
                == IhuyiSignature.sign(
                    apiID: "C80604386", apiKey: Secret(Self.key), requestID: "req-1", timestamp: 1_700_000_000))
        #expect((sent["product_id"] as? NSNumber)?.intValue == 1018)
        #expect(sent["phone"] as? [String] == ["13800138000", "13900139000"])
        #expect(sent["sign_name"] as? String == "【星河咖啡】")
        #expect(sent["send_time"] as? String == "2026-12-01 09:30:00")
        let frames = try #require(sent["content"] as? [[[String: String]]])
        #expect(frames == [[["con_type": "text", "ext_type": "txt", "data": "新品上市。回T退订"]]])
        #expect(!String(decoding: request.body!, as: UTF8.self).contains(Self.key))
    }

    @Test func templateIDBatchSendsNoContent() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"code":"OK","message":"ok","task_id":"T1"}"#))
        _ = try await client(transport).sendBatch(
            IhuyiBatch(productID: 7, message: .template(id: 42)), to: [try PhoneNumber("13800138000")], requestID: "r")
        let sent = try body(try #require(transport.requests.first))
        #expect((sent["template_id"] as? NSNumber)?.intValue == 42)
        #expect(sent["content"] == nil)
        #expect(sent["sign_name"] == nil)
    }

    @Test func templateCreateAndBalance() async throws {
        let transport = RecordingTransport(
            responses:
                .text(200, #"{"code":"OK","message":"ok","template_id":5501}"#),
            .text(
                200,
                #"{"code":"OK","message":"ok","data":[{"product_id":1018,"product_name":"营销彩信-房产类","balance":188888}]}"#
            ))
        let id = try await client(transport).createTemplate(
            fields: TemplateFields(title: "t", signName: "【店】", purpose: "p"),
            content: MMSContent(frames: [Frame(text: "hi")]))
        #expect(id == 5501)
        let template = try body(transport.requests[0])
        #expect(
            Set(template.keys) == [
                "api_id", "request_id", "timestamp", "signature", "title", "purpose", "sign_name", "content",
            ])
        let products = try await client(transport).balance()
        #expect(products == [IhuyiProduct(productID: 1018, productName: "营销彩信-房产类", balance: 188888)])
        #expect(transport.requests[1].url.path == "/mms/v1/balance")
        #expect(Set(try body(transport.requests[1]).keys) == ["api_id", "request_id", "timestamp", "signature"])
    }

    @Test func providerErrorsKeepCodeAndMessageAndExplain() async throws {
        let transport = RecordingTransport(
            responses:
                .text(200, #"{"code":"4086","message":"timestamp参数错误: 时间戳超时"}"#),
            .text(200, #"{"code":"405","message":"api_id或api_key错误"}"#),
            .text(502, "<html><body>502 Bad Gateway</body></html>", contentType: "text/html"))
        let client = client(transport)
        do {
            _ = try await client.balance()
            Issue.record("accepted")
        } catch {
            #expect(error.code == "4086")
            #expect(error.description.contains("timestamp参数错误: 时间戳超时"))
            #expect(error.hint?.contains("clock is off by more than 60 s") == true)
        }
        do {
            _ = try await client.balance()
            Issue.record("accepted")
        } catch {
            #expect(error.hint?.contains("MMSKIT_IHUYI_API_KEY") == true)
        }
        do {
            _ = try await client.balance()
            Issue.record("accepted")
        } catch {
            guard case .unreadableResponse(let response) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(response.status == 502)
            #expect(error.description.contains("HTTP 502"))
            #expect(error.description.contains("<html><body>502 Bad Gateway"))
            #expect(error.isRetryable)
        }
    }

    @Test func missingCredentialsSendNothing() async throws {
        let transport = RecordingTransport()
        await #expect(throws: IhuyiError.missingCredentials) { try await client(transport, credentials: nil).balance() }
        #expect(transport.requests.isEmpty)
    }

    @Test func secretsNeverShow() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"code":"405","message":"bad"}"#))
        let client = client(transport)
        var texts = ["\(Self.credentials)", String(reflecting: Self.credentials), "\(Self.credentials.apiKey)"]
        do {
            _ = try await client.balance()
        } catch {
            texts.append("\(error)")
        }
        texts.append("\(transport.requests[0])")
        var dumped = ""
        dump(client, to: &dumped)
        texts.append(dumped)
        for text in texts { #expect(!text.contains(Self.key), "\(text)") }
    }
}
