import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Synchronization
import Testing

/// The SendPulse token cache: reuse, renewal before expiry, one renewal for concurrent callers, one retry after 401.
@Suite struct OAuth2ClientCredentialsAuthenticatorTests {
    static let tokenURL = URL(string: "https://api.example.com/oauth/access_token")!
    static let secret = "client-secret-XYZ"
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    static let call = HTTPRequest(
        method: .post, url: URL(string: "https://api.example.com/sms/send")!,
        headers: ["Content-Type": "application/json"], body: Data(#"{"sender":"me","phones":[1]}"#.utf8))

    static func tokenAnswer(_ token: String, expiresIn: Int = 3600) -> HTTPResponse {
        .text(200, #"{"access_token":"\#(token)","token_type":"Bearer","expires_in":\#(expiresIn)}"#)
    }

    private static func authenticator(
        _ tokens: RecordingTransport, clock: TestTime, store: any OAuth2TokenStore = InMemoryOAuth2TokenStore(),
        margin: Duration = .seconds(300)
    ) -> OAuth2ClientCredentialsAuthenticator {
        OAuth2ClientCredentialsAuthenticator(
            tokenURL: tokenURL, clientID: "client-1", clientSecret: Secret(secret), transport: tokens, store: store,
            renewalMargin: margin, now: { clock.now })
    }

    @Test func theTokenRequestFollowsTheClientCredentialsGrant() async throws {
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-1"))
        let signed = try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        #expect(signed.headers["Authorization"] == "Bearer tok-1")
        #expect(signed.body == Self.call.body)
        let request = try #require(tokens.requests.first)
        #expect(request.method == .post && request.url == Self.tokenURL)
        let body = try #require(JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: String])
        #expect(body == ["grant_type": "client_credentials", "client_id": "client-1", "client_secret": Self.secret])
        #expect(!"\(request)".contains(Self.secret))
    }

    @Test func theTokenIsReusedUntilItNearsExpiry() async throws {
        let clock = TestTime(Self.start)
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-1"), Self.tokenAnswer("tok-2"))
        let authenticator = Self.authenticator(tokens, clock: clock)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-1")
        clock.now = Self.start.addingTimeInterval(3600 - 301)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-1")
        #expect(tokens.requests.count == 1)
        clock.now = Self.start.addingTimeInterval(3600 - 299)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-2")
        #expect(tokens.requests.count == 2)
    }

    @Test func theRenewalMarginIsConfigurable() async throws {
        let clock = TestTime(Self.start)
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-1"), Self.tokenAnswer("tok-2"))
        let authenticator = Self.authenticator(tokens, clock: clock, margin: .seconds(60))
        _ = try await authenticator.authenticate(Self.call)
        clock.now = Self.start.addingTimeInterval(3600 - 100)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-1")
        clock.now = Self.start.addingTimeInterval(3600 - 59)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-2")
    }

    @Test func aFreshStoredTokenIsUsedAndANewOneStored() async throws {
        let clock = TestTime(Self.start)
        let stored = OAuth2Token(
            accessToken: Secret("kept"), issuedAt: Self.start, expiresAt: Self.start.addingTimeInterval(3600))
        let store = InMemoryOAuth2TokenStore(stored)
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-new"))
        let authenticator = Self.authenticator(tokens, clock: clock, store: store)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer kept")
        #expect(tokens.requests.isEmpty)
        clock.now = Self.start.addingTimeInterval(3500)
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-new")
        #expect(await store.load()?.accessToken == Secret("tok-new"))
        #expect(await store.load()?.expiresAt == Self.start.addingTimeInterval(3500 + 3600))
    }

    @Test func concurrentCallersShareOneRenewal() async throws {
        let clock = TestTime(Self.start)
        let expired = OAuth2Token(
            accessToken: Secret("old"), issuedAt: Self.start.addingTimeInterval(-3600), expiresAt: Self.start)
        let tokens = SlowTokenEndpoint()
        let authenticator = OAuth2ClientCredentialsAuthenticator(
            tokenURL: Self.tokenURL, clientID: "client-1", clientSecret: Secret(Self.secret), transport: tokens,
            store: InMemoryOAuth2TokenStore(expired), now: { clock.now })
        let headers = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<20 {
                group.addTask { try await authenticator.authenticate(Self.call).headers["Authorization"] }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(tokens.count == 1)
        #expect(headers.count == 20 && headers.allSatisfy { $0 == "Bearer tok-1" })
    }

    @Test func a401RenewsTheTokenAndResendsTheSameBodyOnce() async throws {
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-1"), Self.tokenAnswer("tok-2"))
        let api = RecordingTransport(responses: .text(401, "{}"), .text(200, #"{"result":true}"#))
        let transport = AuthenticatedTransport(
            wrapping: api, authenticator: Self.authenticator(tokens, clock: TestTime(Self.start)))
        let response = try await transport.send(Self.call)
        #expect(response.status == 200)
        #expect(api.requests.map { $0.headers["Authorization"] } == ["Bearer tok-1", "Bearer tok-2"])
        #expect(api.requests.map(\.body) == [Self.call.body, Self.call.body])
        #expect(tokens.requests.count == 2)
    }

    @Test func aSecond401IsReturnedAsIs() async throws {
        let tokens = RecordingTransport(
            responses: Self.tokenAnswer("tok-1"), Self.tokenAnswer("tok-2"), Self.tokenAnswer("tok-3"))
        let api = RecordingTransport(
            responses: .text(401, #"{"error":"first"}"#), .text(401, #"{"error":"second"}"#), .text(200, "{}"))
        let transport = AuthenticatedTransport(
            wrapping: api, authenticator: Self.authenticator(tokens, clock: TestTime(Self.start)))
        let response = try await transport.send(Self.call)
        #expect(response.status == 401)
        #expect(response.bodyPreview() == #"{"error":"second"}"#)
        #expect(api.requests.count == 2)
        #expect(tokens.requests.count == 2)
    }

    @Test func a401ForATokenRenewedMeanwhileDoesNotRenewAgain() async throws {
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-1"), Self.tokenAnswer("tok-2"))
        let authenticator = Self.authenticator(tokens, clock: TestTime(Self.start))
        let first = try await authenticator.authenticate(Self.call)
        let second = try await authenticator.authenticate(Self.call)
        #expect(await authenticator.shouldRetry(first, after: .text(401, "{}")))
        #expect(
            await authenticator.shouldRetry(second, after: .text(401, "{}")), "tok-1 was already replaced: just resend")
        #expect(tokens.requests.count == 2)
        #expect(!(await authenticator.shouldRetry(first, after: .text(500, "{}"))))
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-2")
    }

    @Test func aRefusedTokenRequestFailsWithTheProvidersWordsAndNotTheSecret() async throws {
        let refusal =
            #"{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}"#
        let tokens = RecordingTransport(responses: .text(401, refusal))
        let api = RecordingTransport(responses: .text(200, "{}"))
        let transport = AuthenticatedTransport(
            wrapping: api, authenticator: Self.authenticator(tokens, clock: TestTime(Self.start)))
        let error = try await #require(throws: TransportError.self) { try await transport.send(Self.call) }
        #expect(error.kind == .authenticationFailed)
        #expect(error.requestNeverSent)
        #expect(
            error.message.contains("HTTP 401") && error.message.contains("invalid_client: Client authentication failed")
        )
        #expect(!error.description.contains(Self.secret))
        #expect(api.requests.isEmpty)
    }

    @Test func aProviderEchoingTheSecretDoesNotLeakIt() async throws {
        let tokens = RecordingTransport(
            responses: .text(400, "bad client_secret \(Self.secret)", contentType: "text/plain"))
        let error = try await #require(throws: TransportError.self) {
            try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        }
        #expect(error.kind == .authenticationFailed)
        #expect(error.message.contains("bad client_secret <redacted>"))
        #expect(!"\(error)".contains(Self.secret))
    }

    @Test(arguments: [
        (HTTPResponse.text(200, #"{"token_type":"Bearer","expires_in":3600}"#), "without an access_token"),
        (HTTPResponse.text(200, #"{"access_token":"t","token_type":"MAC"}"#), "not Bearer"),
    ])
    func anUnusableTokenAnswerFails(answer: HTTPResponse, words: String) async throws {
        let tokens = RecordingTransport(responses: answer)
        let error = try await #require(throws: TransportError.self) {
            try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        }
        #expect(error.kind == .authenticationFailed && error.message.contains(words))
    }

    @Test func anUnreachableTokenEndpointIsAnAuthenticationFailure() async throws {
        let tokens = RecordingTransport([.failure(TransportError(.connectionFailed, "api.example.com: refused"))])
        let error = try await #require(throws: TransportError.self) {
            try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        }
        #expect(error.kind == .authenticationFailed && error.message.contains("refused"))
    }

    @Test func theTokenNeverShowsInDumps() throws {
        let token = OAuth2Token(
            accessToken: Secret("tok-secret"), issuedAt: Self.start, expiresAt: Self.start.addingTimeInterval(60))
        #expect(!"\(token) \(String(reflecting: token))".contains("tok-secret"))
        let decoded = try JSONDecoder().decode(OAuth2Token.self, from: JSONEncoder().encode(token))
        #expect(decoded == token)
    }

    @Test(arguments: [
        (429, "Too Many Requests", "is limiting the request rate (HTTP 429: Too Many Requests)"),
        (
            503, "<html>maintenance</html>",
            "answered HTTP 503: <html>maintenance</html>; a server error: try again later"
        ),
        (
            400, #"{"error":"invalid_request","error_description":"grant_type missing"}"#,
            "answered HTTP 400: invalid_request: grant_type missing"
        ),
    ])
    func onlyARefusalOfTheClientBlamesTheCredentials(status: Int, body: String, expected: String) async throws {
        let tokens = RecordingTransport(responses: .text(status, body))
        let error = try await #require(throws: TransportError.self) {
            try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        }
        #expect(error.message.contains(expected), "\(error)")
        #expect(!error.message.contains("client ID"), "\(error)")
        #expect(error.requestNeverSent, "no token, so the request itself never left")
    }

    @Test(arguments: [
        (401, #"{"error":"invalid_client"}"#), (400, #"{"error":"invalid_client","error_description":"unknown"}"#),
        (400, #"{"error":"unauthorized_client"}"#),
    ])
    func aRefusalOfTheClientPointsAtTheCredentials(status: Int, body: String) async throws {
        let tokens = RecordingTransport(responses: .text(status, body))
        let error = try await #require(throws: TransportError.self) {
            try await Self.authenticator(tokens, clock: TestTime(Self.start)).authenticate(Self.call)
        }
        #expect(error.message.hasSuffix("; check the client ID and secret"), "\(error)")
    }

    @Test func aRefusedTokenIsReplacedInTheStoreByItsRenewalWhicheverExpiresFirst() async throws {
        let long = OAuth2Token(
            accessToken: Secret("tok-long"), issuedAt: Self.start, expiresAt: Self.start.addingTimeInterval(7200))
        let store = InMemoryOAuth2TokenStore(long)
        let tokens = RecordingTransport(responses: Self.tokenAnswer("tok-short", expiresIn: 600))
        let authenticator = Self.authenticator(tokens, clock: TestTime(Self.start), store: store)
        let sent = try await authenticator.authenticate(Self.call)
        #expect(sent.headers["Authorization"] == "Bearer tok-long")
        #expect(await authenticator.shouldRetry(sent, after: .text(401, "{}")))
        #expect(try await authenticator.authenticate(Self.call).headers["Authorization"] == "Bearer tok-short")
        #expect(await store.load()?.accessToken.exposedValue == "tok-short")
    }
}

/// A settable wall clock.
private final class TestTime: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}

/// A token endpoint that takes 50 ms to answer and counts its calls.
private final class SlowTokenEndpoint: HTTPTransport {
    private let calls = Mutex(0)

    var count: Int { calls.withLock { $0 } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let number = calls.withLock { count in
            count += 1
            return count
        }
        try? await Task.sleep(for: .milliseconds(50))
        return .text(200, #"{"access_token":"tok-\#(number)","token_type":"Bearer","expires_in":3600}"#)
    }
}
