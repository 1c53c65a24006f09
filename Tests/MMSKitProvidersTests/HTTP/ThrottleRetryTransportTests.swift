import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Synchronization
import Testing

@Suite struct ThrottleRetryTransportTests {
    static let request = HTTPRequest(method: .post, url: URL(string: "https://api.test/x")!, body: Data("body".utf8))

    final class Waits: Sendable {
        let all = Mutex<[Duration]>([])
    }

    @Test func aThrottledAnswerIsRetriedWithJitteredBackOffUntilItPasses() async throws {
        let transport = RecordingTransport(
            responses: .text(429, "slow down"), .text(200, #"{"error_code":7}"#), .text(200, #"{"ok":true}"#))
        let waits = Waits()
        let retrying = ThrottleRetryTransport(
            wrapping: transport, policy: RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(100)),
            isThrottled: { $0.status == 429 || String(decoding: $0.body, as: UTF8.self).contains("error_code\":7") },
            sleep: { wait in waits.all.withLock { $0.append(wait) } })
        let response = try await retrying.send(Self.request)
        #expect(response.status == 200)
        #expect(transport.requests.count == 3)
        #expect(transport.requests.allSatisfy { $0.body == Self.request.body })
        let recorded = waits.all.withLock { $0 }
        #expect(recorded.count == 2)
        #expect(recorded[0] <= .milliseconds(100) && recorded[1] <= .milliseconds(200))
    }

    @Test func theRetriesAreBoundedAndTheLastAnswerReturned() async throws {
        let transport = RecordingTransport((0..<10).map { _ in .success(.text(429, "slow down")) })
        let retrying = ThrottleRetryTransport(
            wrapping: transport, policy: RetryPolicy(maximumAttempts: 3), sleep: { _ in })
        let response = try await retrying.send(Self.request)
        #expect(response.status == 429)
        #expect(transport.requests.count == 3)
    }

    @Test func aRetryAfterLongerThanThePolicyAllowsIsNotWaitedFor() async throws {
        let transport = RecordingTransport(
            responses: HTTPResponse(status: 429, headers: ["Retry-After": "3600"]), .text(200, "{}"))
        let retrying = ThrottleRetryTransport(wrapping: transport, sleep: { _ in Issue.record("it waited an hour") })
        #expect(try await retrying.send(Self.request).status == 429)
        #expect(transport.requests.count == 1)
    }

    @Test func otherAnswersPassThroughAtOnce() async throws {
        let transport = RecordingTransport(responses: .text(500, "boom"))
        let retrying = ThrottleRetryTransport(wrapping: transport, sleep: { _ in Issue.record("it waited") })
        #expect(try await retrying.send(Self.request).status == 500)
    }
}
