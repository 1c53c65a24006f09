import Foundation
import MMSKit
import Synchronization

/// The SendPulse REST API: OAuth2 client credentials, the balance and SMS sending. Every request, the token
/// requests included, passes one rate limiter (10 in any second by default); a throttled answer (HTTP 429 or
/// error 2020202020) is retried with back-off, a bounded number of times; a 401 renews the token once. Clients of
/// the same API in one process share the rate window.
public struct SendPulseClient: Sendable {
    /// The provider's name in error messages: its registry description's display name.
    public static let providerName = SendPulseProvider.providerDescription.displayName
    /// The production SendPulse REST API.
    public static let defaultBaseURL = URL(string: "https://api.sendpulse.com")!
    /// Requests per window: "10 requests per second" (the SendPulse API reference, Limits).
    public static let defaultRateLimit = 10
    /// The window of the limit: one second, each request holding its place until a second after its answer, so
    /// that no second of SendPulse's own clock sees more than the limit, whatever the network's delays.
    public static let rateWindow: Duration = .seconds(1)
    /// Numbers per `/sms/send` request. The reference gives no limit: this is mmskit's default, kept small so
    /// that a refused request costs little (`sendpulse.chunk_size` changes it, `--chunk-size` lowers it).
    public static let defaultChunkSize = 500
    static let balanceEndpoint = "balance"
    static let balanceDetailEndpoint = "user/balance/detail"
    static let smsEndpoint = "sms/send"

    /// Where the API is: `defaultBaseURL`, or a sandbox's or proxy's URL.
    public let baseURL: URL
    /// The raw transport: requests built by `smsRequest` carry no credentials until `send` authenticates them.
    private let authenticated: (any HTTPTransport)?
    /// The same pipeline without the throttle retries, for callers that own their retries (a campaign's runner).
    private let authenticatedOnce: (any HTTPTransport)?

    /// - Parameters:
    ///   - baseURL: the REST API (`defaultBaseURL`, or the sandbox's).
    ///   - transport: the HTTP transport (`HTTPClientTransport` in the CLI).
    ///   - clientID: the REST API's ID; without it (or the secret) every authenticated call fails naming them.
    ///   - clientSecret: the REST API's secret.
    ///   - tokenStore: where the token is kept between runs (in memory only by default).
    ///   - rateLimit: requests in any `window`, for all the clients of this API in the process.
    ///   - window: the sliding window of the rate limit (one second: the reference's "10 requests per second").
    ///   - retryPolicy: the back-off after a throttled answer.
    ///   - now: the clock of token expiry (tests move it).
    ///   - sleep: waits between throttled attempts (tests record them).
    public init(
        baseURL: URL = SendPulseClient.defaultBaseURL, transport: any HTTPTransport, clientID: String?,
        clientSecret: Secret?, tokenStore: any OAuth2TokenStore = InMemoryOAuth2TokenStore(),
        rateLimit: Int = SendPulseClient.defaultRateLimit, window: Duration = SendPulseClient.rateWindow,
        retryPolicy: RetryPolicy = RetryPolicy(), now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.baseURL = baseURL
        guard let clientID, let clientSecret else {
            authenticated = nil
            authenticatedOnce = nil
            return
        }
        let limited = Self.limiter(for: baseURL, limit: max(1, rateLimit), window: window, wrapping: transport)
        let retrying = ThrottleRetryTransport(
            wrapping: limited, policy: retryPolicy, isThrottled: Self.isThrottled, sleep: sleep)
        let authenticator = OAuth2ClientCredentialsAuthenticator(
            tokenURL: baseURL.appendingPathComponent(OAuth2ClientCredentialsAuthenticator.sendPulseTokenPath),
            clientID: clientID, clientSecret: clientSecret, transport: retrying, store: tokenStore,
            isThrottled: Self.isThrottled, now: now)
        authenticated = AuthenticatedTransport(wrapping: retrying, authenticator: authenticator)
        authenticatedOnce = AuthenticatedTransport(wrapping: limited, authenticator: authenticator)
    }

    /// The rate windows of this process, one per API and limit: every client of the same API counts against one.
    private static let processWindows = Mutex<[String: RateLimitedTransport]>([:])

    /// A limiter for `transport` that shares the process's window for `baseURL` and `limit`.
    static func limiter(
        for baseURL: URL, limit: Int, window: Duration, wrapping transport: any HTTPTransport
    ) -> RateLimitedTransport {
        let key = "\(baseURL.absoluteString) \(limit)/\(window)"
        return processWindows.withLock { windows in
            if let existing = windows[key] {
                return RateLimitedTransport(wrapping: transport, sharingWindowOf: existing)
            }
            let made = RateLimitedTransport(wrapping: transport, limit: limit, per: window, countingUntilAnswered: true)
            windows[key] = made
            return made
        }
    }

    /// Whether an answer says the request came too fast: HTTP 429 (a plan quota) or error 2020202020.
    @Sendable public static func isThrottled(_ response: HTTPResponse) -> Bool {
        if response.status == 429 { return true }
        guard response.body.count < 4096, response.body.contains(UInt8(ascii: "2")) else { return false }
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        return errorCode(object) == SendPulseErrorCatalog.tooManyRequests
    }

    /// `GET /balance` and `GET /user/balance/detail`.
    public func balance() async throws(SendPulseError) -> SendPulseBalance {
        let balance = try await call(
            Self.balanceEndpoint, HTTPRequest(method: .get, url: url(Self.balanceEndpoint), headers: Self.accept))
        let detail = try await call(
            Self.balanceDetailEndpoint,
            HTTPRequest(method: .get, url: url(Self.balanceDetailEndpoint), headers: Self.accept))
        return SendPulseBalance(balance: balance, detail: detail)
    }

    /// Sends `body` from `sender` to `phones` (international numbers, digits only); returns the answer.
    /// - Parameters:
    ///   - sender: the SMS sender name.
    ///   - phones: the recipients, international numbers in digits (`86` + 11 digits for the mainland).
    ///   - body: the message text.
    ///   - retryingThrottled: false when the caller retries a throttled answer itself (a campaign's
    ///   runner does, with the same policy), so that attempts are not multiplied.
    public func sendSMS(
        sender: String, phones: [String], body: String, retryingThrottled: Bool = true
    ) async throws(SendPulseError) -> SendPulseJSON {
        try await call(
            Self.smsEndpoint, smsRequest(sender: sender, phones: phones, body: body),
            through: retryingThrottled ? authenticated : authenticatedOnce)
    }

    /// The `POST /sms/send` request before the bearer token is added (what `--dry-run` prints).
    public func smsRequest(sender: String, phones: [String], body: String) -> HTTPRequest {
        struct Body: Encodable {
            var sender: String
            var phones: [String]
            var body: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return HTTPRequest(
            method: .post, url: url(Self.smsEndpoint),
            headers: Self.accept.merging(["Content-Type": "application/json"]) { $1 },
            body: (try? encoder.encode(Body(sender: sender, phones: phones, body: body))) ?? Data())
    }

    private static let accept = ["Accept": "application/json"]

    private func url(_ endpoint: String) -> URL { baseURL.appendingPathComponent(endpoint) }

    private func call(
        _ endpoint: String, _ request: HTTPRequest, through transport: (any HTTPTransport)? = nil
    ) async throws(SendPulseError) -> SendPulseJSON {
        guard let authenticated = transport ?? authenticated else { throw .missingCredentials }
        let response: HTTPResponse
        do {
            response = try await authenticated.send(request)
        } catch {
            throw .transport(endpoint: endpoint, error)
        }
        let parsed = try? JSONSerialization.jsonObject(with: response.body)
        let object = parsed as? [String: Any]
        let code = Self.errorCode(object)
        let message =
            (object?["message"] as? String) ?? (object?["error_description"] as? String)
            ?? (object?["error"] as? String) ?? response.bodyPreview()
        if Self.isThrottled(response) {
            throw .rateLimited(endpoint: endpoint, httpStatus: response.status, code: code, message: message)
        }
        let refused = code != nil || object?["is_error"] as? Bool == true || object?["result"] as? Bool == false
        guard (200..<300).contains(response.status), !refused else {
            guard object != nil || !(200..<300).contains(response.status) else {
                throw .unreadableResponse(
                    ProviderResponseError(
                        provider: Self.providerName, endpoint: endpoint, response: response,
                        reason: "an unexpected body"))
            }
            throw .api(endpoint: endpoint, httpStatus: response.status, code: code, message: message)
        }
        guard let parsed, let value = SendPulseJSON(parsed) else {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    reason: response.body.isEmpty ? "an empty body" : "a body that is not JSON"))
        }
        return value
    }

    /// `error_code` as a number or a string of digits.
    static func errorCode(_ object: [String: Any]?) -> Int? {
        switch object?["error_code"] {
        case let number as NSNumber: Int(number.stringValue)
        case let text as String: Int(text)
        default: nil
        }
    }
}
