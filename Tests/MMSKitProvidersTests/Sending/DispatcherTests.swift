import Foundation
import MMSKit
import MMSKitTestSupport
import Testing

@testable import MMSKitProviders

@Suite struct DispatcherTests {
    static let phones = [try! PhoneNumber("13800138000"), try! PhoneNumber("13900139000")]

    func jpush(_ transport: RecordingTransport) -> JPushDispatcher {
        let client = JPushClient(
            baseURL: URL(string: "https://jsms.example.test")!, transport: transport,
            app: JPushCredentials(appKey: "a", masterSecret: Secret("s")), developer: nil)
        return JPushDispatcher(client: client, templateID: 12, signID: 3, parameters: ["name": "王"])
    }

    @Test func jpushReportsPerRecipientFailures() async throws {
        let transport = RecordingTransport(
            responses: .text(
                200,
                #"{"success_count":1,"failure_count":1,"recipients":[{"msg_id":"1001","mobile":"13800138000"},{"mobile":"13900139000","error_code":50024,"error_message":"recipient unsubscribed"}]}"#
            ))
        let receipt = try await jpush(transport).dispatch(Self.phones, requestID: "r", attempt: 1)
        #expect(receipt.accepted == 1)
        #expect(receipt.rejected == [RejectedRecipient(mobile: "13900139000", reason: "50024: recipient unsubscribed")])
        let body = try #require(try JSONSerialization.jsonObject(with: transport.requests[0].body!) as? [String: Any])
        #expect((body["temp_id"] as? NSNumber)?.intValue == 12)
        #expect((body["sign_id"] as? NSNumber)?.intValue == 3)
        let recipients = try #require(body["recipients"] as? [[String: Any]])
        #expect(recipients.map { $0["mobile"] as? String } == ["13800138000", "13900139000"])
        #expect(recipients.first?["temp_para"] as? [String: String] == ["name": "王"])
    }

    @Test func jpushRecipientsMissingFromTheAnswerAreUnaccountedFor() async throws {
        let partial = RecordingTransport(
            responses: .text(
                200,
                #"{"success_count":1,"failure_count":0,"recipients":[{"msg_id":"1001","mobile":"+8613800138000"}]}"#))
        let receipt = try await jpush(partial).dispatch(Self.phones, requestID: "r", attempt: 1)
        #expect(receipt.accepted == 1)
        #expect(receipt.rejected.isEmpty)
        #expect(receipt.unaccounted == ["13900139000"])
        // Counts that fall short, with no list: nobody can be said to be accepted or rejected.
        let countsOnly = RecordingTransport(responses: .text(200, #"{"success_count":1,"failure_count":0}"#))
        let unknown = try await jpush(countsOnly).dispatch(Self.phones, requestID: "r", attempt: 1)
        #expect(unknown.accepted == 0 && unknown.unaccounted.count == 2)
        // Counts that cover the whole chunk are a complete answer.
        let complete = RecordingTransport(responses: .text(200, #"{"success_count":2,"failure_count":0}"#))
        let whole = try await jpush(complete).dispatch(Self.phones, requestID: "r", attempt: 1)
        #expect(whole.accepted == 2 && whole.unaccounted.isEmpty)
    }

    @Test func jpushClassifiesFailuresForTheRunner() async throws {
        let cases: [(RecordingTransport.Answer, DispatchError.Kind)] = [
            (.failure(TransportError(.connectionFailed, "refused")), .notSent),
            (.failure(TransportError(.timedOut, "slow")), .uncertain),
            (.failure(TransportError(.redirected, "302 to elsewhere")), .refused),
            (.success(.text(503, "<html>busy</html>", contentType: "text/html")), .uncertain),
            (.success(.text(400, #"{"error":{"code":50031,"message":"too many"}}"#)), .refused),
            // Rate limits: JPush did not process the request, so a retry cannot deliver twice.
            (.success(.text(429, #"{"error":{"code":50009,"message":"frequency limit"}}"#)), .notSent),
            (.success(.text(429, "<html>Too Many Requests</html>", contentType: "text/html")), .notSent),
            (.success(.text(403, #"{"error":{"code":50009,"message":"frequency limit"}}"#)), .notSent),
        ]
        for (answer, kind) in cases {
            do {
                _ = try await jpush(RecordingTransport([answer])).dispatch(Self.phones, requestID: "r", attempt: 1)
                Issue.record("no error for \(answer)")
            } catch {
                #expect(error.kind == kind, "\(answer): \(error)")
            }
        }
    }

    @Test func ihuyiTreatsAReplayRefusalOnARetryAsAccepted() async throws {
        let credentials = IhuyiCredentials(apiID: "C1", apiKey: Secret("k"))
        let transport = RecordingTransport(
            responses:
                .text(200, #"{"code":"4099","message":"request_id重复"}"#),
            .text(200, #"{"code":"4099","message":"request_id重复"}"#))
        let dispatcher = IhuyiDispatcher(
            client: IhuyiClient(transport: transport, credentials: credentials),
            batch: IhuyiBatch(productID: 1, message: .template(id: 1)))
        // On a first attempt a replay refusal is an error; on a retry it means the first attempt got through.
        await #expect(throws: DispatchError.self) {
            try await dispatcher.dispatch(Self.phones, requestID: "r", attempt: 1)
        }
        let receipt = try await dispatcher.dispatch(Self.phones, requestID: "r", attempt: 2)
        #expect(receipt.alreadyAccepted)
        #expect(receipt.accepted == 2)
    }

    @Test func ihuyiRateLimitsAreRetryableAndOtherRefusalsAreNot() async throws {
        let credentials = IhuyiCredentials(apiID: "C1", apiKey: Secret("k"))
        let cases: [(HTTPResponse, DispatchError.Kind, Duration?)] = [
            (
                HTTPResponse(status: 429, headers: ["Retry-After": "3"], body: Data("slow down".utf8)), .notSent,
                .seconds(3)
            ),
            (.text(429, #"{"code":"429","message":"too many requests"}"#), .notSent, nil),
            (.text(200, #"{"code":"4085","message":"提交过于频繁"}"#), .notSent, nil),
            (.text(200, #"{"code":"4086","message":"timestamp参数错误: 时间戳超时"}"#), .refused, nil),
            (.text(200, #"{"code":"405","message":"签名错误"}"#), .refused, nil),
        ]
        for (response, kind, retryAfter) in cases {
            let dispatcher = IhuyiDispatcher(
                client: IhuyiClient(transport: RecordingTransport(responses: response), credentials: credentials),
                batch: IhuyiBatch(productID: 1, message: .template(id: 1)))
            do {
                _ = try await dispatcher.dispatch(Self.phones, requestID: "r", attempt: 1)
                Issue.record("no error for \(response)")
            } catch {
                #expect(error.kind == kind, "\(response.bodyPreview()): \(error)")
                #expect(error.retryAfter == retryAfter)
            }
        }
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        #expect(HTTPResponse(status: 429, headers: ["retry-after": "120"]).retryAfter == .seconds(120))
        #expect(
            HTTPResponse(status: 429, headers: ["Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"]).retryAfter == .zero)
        #expect(HTTPResponse(status: 429, headers: ["Retry-After": "soon"]).retryAfter == nil)
        #expect(HTTPResponse(status: 429).retryAfter == nil)
    }

    @Test func aSkewedClockIsRefusedWithAClockHint() async throws {
        let server = try FakeIhuyiServer()
        defer { server.stop() }
        let skewed = IhuyiClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(timeout: 5),
            credentials: IhuyiCredentials(apiID: server.apiID, apiKey: Secret(server.apiKey)),
            now: { Date().addingTimeInterval(-120) })
        do {
            _ = try await skewed.balance()
            Issue.record("a 120 s skew was accepted")
        } catch {
            #expect(error.hint?.contains("clock is off") == true, "\(error)")
        }
    }
}
