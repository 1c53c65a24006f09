import Crypto
import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

/// HTTP Basic and itniotech's header signature, and the single retry of `AuthenticatedTransport`.
@Suite struct RequestAuthenticatorTests {
    static let request = HTTPRequest(
        method: .post, url: URL(string: "https://api.example.com/v1/messages")!,
        headers: ["authorization": "stale", "Accept": "application/json"], body: Data(#"{"a":1}"#.utf8))

    @Test func basicCarriesBase64OfUserColonPassword() async throws {
        // RFC 7617's example.
        let authenticator = HTTPBasicAuthenticator(user: "Aladdin", password: Secret("open sesame"))
        let signed = try await authenticator.authenticate(Self.request)
        #expect(signed.headers["Authorization"] == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        #expect(signed.headers["authorization"] == nil, "the stale header of another letter case is replaced")
        #expect(signed.body == Self.request.body)
        #expect(signed.headers["Accept"] == "application/json")
        #expect(!"\(authenticator)".contains("open sesame"))
    }

    @Test func headerSignatureIsMD5OfKeySecretAndTimestamp() async throws {
        let authenticator = HeaderSignatureAuthenticator(
            apiKey: "key-123", apiSecret: Secret("s3cr3t"), now: { Date(timeIntervalSince1970: 1_700_000_000.9) })
        let signed = try await authenticator.authenticate(Self.request)
        let expected = Insecure.MD5.hash(data: Data("key-123s3cr3t1700000000".utf8)).map { String(format: "%02x", $0) }
            .joined()
        #expect(signed.headers["Api-Key"] == "key-123")
        #expect(signed.headers["Timestamp"] == "1700000000")
        #expect(signed.headers["Sign"] == expected)
        #expect(expected.count == 32 && expected == expected.lowercased())
        #expect(signed.headers["Content-Type"] == "application/json;charset=UTF-8")
        #expect(
            HeaderSignatureAuthenticator.signature(
                apiKey: "key-123", apiSecret: Secret("s3cr3t"), timestamp: 1_700_000_000) == expected)
        #expect(!signed.headers.values.contains { $0.contains("s3cr3t") }, "the secret is never sent")
    }

    @Test func descriptionRedactsTheSignatureHeaders() async throws {
        let authenticator = HeaderSignatureAuthenticator(
            apiKey: "key-123", apiSecret: Secret("s3cr3t"), now: { Date(timeIntervalSince1970: 1_700_000_000) })
        let signed = try await authenticator.authenticate(Self.request)
        let text = "\(signed) \(String(reflecting: signed))"
        #expect(!text.contains("key-123"))
        #expect(!text.contains(signed.headers["Sign"]!))
        #expect(!text.contains("s3cr3t"))
        #expect(
            text.contains("Sign: <redacted>") && text.contains("Api-Key: <redacted>")
                && text.contains("Timestamp: 1700000000"))
    }

    @Test func setHeaderReplacesAnyLetterCase() {
        var request = Self.request
        request.setHeader("AUTHORIZATION", "new")
        #expect(request.headers.keys.filter { $0.lowercased() == "authorization" } == ["AUTHORIZATION"])
        #expect(request.header("Authorization") == "new")
    }

    @Test func aRefused401IsNotRetriedByDefault() async throws {
        let inner = RecordingTransport(responses: .text(401, #"{"error":{"code":50002}}"#), .text(200, "{}"))
        let transport = AuthenticatedTransport(
            wrapping: inner, authenticator: HTTPBasicAuthenticator(user: "app", password: Secret("pw")))
        let response = try await transport.send(Self.request)
        #expect(response.status == 401)
        #expect(inner.requests.count == 1)
        #expect(inner.requests[0].headers["Authorization"] == "Basic " + Data("app:pw".utf8).base64EncodedString())
    }

    @Test func aCredentialFailureStopsTheRequestBeforeItLeaves() async {
        let inner = RecordingTransport(responses: .text(200, "{}"))
        let transport = AuthenticatedTransport(wrapping: inner, authenticator: FailingAuthenticator())
        await #expect(throws: TransportError(.authenticationFailed, "no credentials")) {
            try await transport.send(Self.request)
        }
        #expect(inner.requests.isEmpty)
        #expect(TransportError(.authenticationFailed, "x").requestNeverSent)
    }

    private struct FailingAuthenticator: RequestAuthenticator {
        func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
            throw TransportError(.authenticationFailed, "no credentials")
        }
    }
}
