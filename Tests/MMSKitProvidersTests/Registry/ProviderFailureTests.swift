import Foundation
import Testing

@testable import MMSKitProviders

/// Every provider's errors answer the same questions, and one classification decides every retry.
@Suite struct ProviderFailureTests {
    static let response500 = HTTPResponse(status: 502, body: Data("bad gateway".utf8))
    static let response429 = HTTPResponse(status: 429, headers: ["Retry-After": "7"])

    @Test(arguments: [
        (IhuyiError.api(endpoint: "batchSend", code: "4085", message: "发送频繁"), RequestDelivery.notSent),
        (IhuyiError.api(endpoint: "batchSend", code: "405", message: "API ID 或 KEY 错误"), .refused),
        (IhuyiError.transport(endpoint: "batchSend", TransportError(.connectionFailed, "refused")), .notSent),
        (IhuyiError.transport(endpoint: "batchSend", TransportError(.timedOut, "30 s")), .uncertain),
        (IhuyiError.transport(endpoint: "batchSend", TransportError(.redirected, "301")), .refused),
        (
            IhuyiError.unreadableResponse(
                ProviderResponseError(
                    provider: "ihuyi", endpoint: "batchSend", response: response500, reason: "no JSON")), .uncertain
        ),
        (
            IhuyiError.rateLimited(RateLimitError(provider: "ihuyi", endpoint: "batchSend", response: response429)),
            .notSent
        ),
        (IhuyiError.missingCredentials, .refused),
    ])
    func ihuyiFailuresAreClassified(error: IhuyiError, delivery: RequestDelivery) {
        #expect(error.delivery == delivery)
        #expect(DispatchError(error).kind == delivery)
        #expect(error.provider == "ihuyi")
    }

    @Test(arguments: [
        (JPushError.api(status: 403, code: 50009, message: "frequency"), RequestDelivery.notSent),
        (JPushError.api(status: 400, code: 50006, message: "invalid mobile"), .refused),
        (JPushError.api(status: 500, code: 50016, message: "server"), .uncertain),
        (JPushError.transport(TransportError(.connectionLost, "reset")), .uncertain),
        (
            JPushError.rateLimited(
                RateLimitError(provider: "JPush", endpoint: "POST /v1/messages/batch", response: response429)), .notSent
        ),
        (JPushError.invalidDraft("too long"), .refused),
    ])
    func jpushFailuresAreClassified(error: JPushError, delivery: RequestDelivery) {
        #expect(error.delivery == delivery)
        #expect(DispatchError(error).kind == delivery)
    }

    @Test func theShapeCarriesTheProvidersWordsVerbatim() {
        let ihuyi: any ProviderFailure = IhuyiError.api(endpoint: "balance", code: "4051", message: "余额不足")
        #expect(ihuyi.code == "4051" && ihuyi.providerMessage == "余额不足" && ihuyi.hint != nil && ihuyi.httpStatus == nil)
        let jpush: any ProviderFailure = JPushError.api(status: 403, code: 50014, message: "no balance")
        #expect(
            jpush.code == "50014" && jpush.providerMessage == "no balance" && jpush.meaning != nil
                && jpush.httpStatus == 403)
        let limited: any ProviderFailure = JPushError.rateLimited(
            RateLimitError(provider: "JPush", endpoint: "x", response: Self.response429))
        #expect(
            limited.retryAfter == .seconds(7)
                && DispatchError(
                    JPushError.rateLimited(RateLimitError(provider: "JPush", endpoint: "x", response: Self.response429))
                ).retryAfter == .seconds(7))
        #expect(JPushError.invalidDraft("x").isContentError && !ihuyi.isContentError)
    }
}
