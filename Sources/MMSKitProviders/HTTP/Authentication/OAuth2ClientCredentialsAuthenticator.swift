import Foundation

/// OAuth2 client credentials (SendPulse): fetches a bearer token from the token endpoint, reuses it until it is
/// within `renewalMargin` of expiry, renews it once for all concurrent callers, and once more after a 401 (the
/// refused token is then replaced in the store too, whichever of the two expires first).
public actor OAuth2ClientCredentialsAuthenticator: RequestAuthenticator {
    /// SendPulse's token endpoint below its base URL.
    public static let sendPulseTokenPath = "oauth/access_token"
    /// How long a token lives when the endpoint does not say (SendPulse documents one hour).
    public static let defaultLifetime: Duration = .seconds(3600)

    /// The token endpoint, the only place the client secret is sent.
    public nonisolated let tokenURL: URL
    /// The client credentials grant's client id.
    public nonisolated let clientID: String
    /// A token this close to expiry is renewed before use (at most half its lifetime).
    public nonisolated let renewalMargin: Duration
    private let clientSecret: Secret
    /// Sends the token requests; not the authenticated transport, so they carry no bearer token.
    private let transport: any HTTPTransport
    private let store: any OAuth2TokenStore
    /// Whether a token endpoint's answer is a rate limit (HTTP 429, or the provider's own code).
    private let isThrottled: @Sendable (HTTPResponse) -> Bool
    private let now: @Sendable () -> Date

    private var token: OAuth2Token?
    private var storeConsulted = false
    private var renewal: Task<Result<OAuth2Token, TransportError>, Never>?

    /// - Parameters:
    ///   - tokenURL: for SendPulse, `baseURL` followed by `sendPulseTokenPath`.
    ///   - clientID: the client credentials grant's client id.
    ///   - clientSecret: its secret, sent only to `tokenURL`.
    ///   - transport: sends the token requests (a plain transport, never the authenticated one).
    ///   - store: where the token is kept between requests, and between runs with a `FileOAuth2TokenStore`.
    ///   - renewalMargin: a token this close to expiry is renewed before use (at most half its lifetime).
    ///   - isThrottled: whether the token endpoint's answer says it is limiting the request rate (the transport
    ///     retries those; one that persists is reported as a rate limit, not as bad credentials).
    ///   - now: the clock for expiry (tests move it).
    public init(
        tokenURL: URL, clientID: String, clientSecret: Secret, transport: any HTTPTransport,
        store: any OAuth2TokenStore = InMemoryOAuth2TokenStore(), renewalMargin: Duration = .seconds(300),
        isThrottled: @escaping @Sendable (HTTPResponse) -> Bool = { $0.status == 429 },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.transport = transport
        self.store = store
        self.renewalMargin = renewalMargin
        self.isThrottled = isThrottled
        self.now = now
    }

    /// `request` with a bearer token that is still fresh, fetched or renewed first when needed.
    /// - Throws: `TransportError` of kind `.authenticationFailed` when no token could be obtained.
    public func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
        let token = try await validToken()
        var request = request
        request.setHeader("Authorization", token.authorization)
        return request
    }

    /// On a 401: renews the token (joining a renewal already under way) and says whether that succeeded.
    public func shouldRetry(after response: HTTPResponse) async -> Bool {
        guard response.status == 401 else { return false }
        if let renewal { return (try? await renewal.value.get()) != nil }
        return await renewAfterRejection()
    }

    /// On a 401: renews the token only if `sent` carried the current one (another caller may have renewed it
    /// already, and then the request is simply sent again with the new token).
    public func shouldRetry(_ sent: HTTPRequest, after response: HTTPResponse) async -> Bool {
        guard response.status == 401 else { return false }
        if let renewal { return (try? await renewal.value.get()) != nil }
        if let token, sent.header("Authorization") != token.authorization { return true }
        return await renewAfterRejection()
    }

    /// The token to send now: the cached one while fresh, else the stored one while fresh, else a new one.
    func validToken() async throws(TransportError) -> OAuth2Token {
        if let token, token.isFresh(at: now(), margin: renewalMargin) { return token }
        return try await renew(consultingStore: !storeConsulted)
    }

    private func renewAfterRejection() async -> Bool {
        let rejected = token
        token = nil
        storeConsulted = true
        return (try? await renew(consultingStore: false, replacing: rejected)) != nil
    }

    /// One renewal at a time: callers arriving while it runs share its outcome. A new token takes the place of
    /// `rejected` in the store.
    private func renew(
        consultingStore: Bool, replacing rejected: OAuth2Token? = nil
    ) async throws(TransportError)
        -> OAuth2Token
    {
        if let renewal { return try await renewal.value.get() }
        storeConsulted = true
        let task = Task { await self.obtain(consultingStore: consultingStore, replacing: rejected) }
        renewal = task
        let result = await task.value
        renewal = nil
        if case .success(let fresh) = result { token = fresh }
        return try result.get()
    }

    private func obtain(
        consultingStore: Bool, replacing rejected: OAuth2Token?
    ) async -> Result<
        OAuth2Token, TransportError
    > {
        if consultingStore, let stored = try? await store.load(), stored.isFresh(at: now(), margin: renewalMargin) {
            return .success(stored)
        }
        let result = await requestToken()
        if case .success(let fresh) = result {
            if let rejected { try? await store.replace(rejected, with: fresh) } else { try? await store.save(fresh) }
        }
        return result
    }

    private func requestToken() async -> Result<OAuth2Token, TransportError> {
        let endpoint = "the token endpoint POST \(URLRedaction.redact(tokenURL))"
        let body = TokenRequest(
            grantType: "client_credentials", clientID: clientID, clientSecret: clientSecret.exposedValue)
        let request = HTTPRequest(
            method: .post, url: tokenURL, headers: ["Content-Type": "application/json", "Accept": "application/json"],
            body: (try? JSONEncoder().encode(body)) ?? Data())
        let issuedAt = now()
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            return .failure(failure("\(endpoint) could not be reached: \(error)"))
        }
        let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        guard (200..<300).contains(response.status), !isThrottled(response) else {
            return .failure(failure(refusal(of: response, object, endpoint: endpoint)))
        }
        guard let accessToken = object?["access_token"] as? String, !accessToken.isEmpty else {
            return .failure(failure("\(endpoint) answered without an access_token: \(response.bodyPreview())"))
        }
        if let type = object?["token_type"] as? String, type.lowercased() != "bearer" {
            return .failure(failure("\(endpoint) issued a token of type \(type), not Bearer"))
        }
        let lifetime =
            Self.seconds(object?["expires_in"]).flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            ?? Double(Self.defaultLifetime.components.seconds)
        return .success(
            OAuth2Token(
                accessToken: Secret(accessToken), issuedAt: issuedAt, expiresAt: issuedAt.addingTimeInterval(lifetime)))
    }

    /// Why the token endpoint gave no token, in the terms of what to do: a rate limit is waited out, a server
    /// error retried later; only a refusal of the client (401, or `invalid_client` / `unauthorized_client`)
    /// points at the client ID and secret.
    private func refusal(of response: HTTPResponse, _ object: [String: Any]?, endpoint: String) -> String {
        let words = Self.errorText(object, response)
        if isThrottled(response) {
            return
                "\(endpoint) is limiting the request rate (HTTP \(response.status): \(words)); no token was issued, so nothing was sent: wait a while and try again"
        }
        let answered = "\(endpoint) answered HTTP \(response.status): \(words)"
        if response.status >= 500 { return "\(answered); a server error: try again later" }
        let clientRefused = ["invalid_client", "unauthorized_client"].contains(object?["error"] as? String ?? "")
        if response.status == 401 || clientRefused { return "\(answered); check the client ID and secret" }
        return answered
    }

    /// An `.authenticationFailed` error whose text cannot carry the client secret, even if the provider echoed it.
    private func failure(_ message: String) -> TransportError {
        let secret = clientSecret.exposedValue
        let safe = secret.isEmpty ? message : message.replacingOccurrences(of: secret, with: "<redacted>")
        return TransportError(.authenticationFailed, safe)
    }

    /// The provider's own words: `error` and `error_description` (or `message`) when the body is JSON, else the body.
    private static func errorText(_ object: [String: Any]?, _ response: HTTPResponse) -> String {
        let parts = [object?["error"] as? String, (object?["error_description"] ?? object?["message"]) as? String]
            .compactMap { $0?.isEmpty == false ? $0 : nil }
        if !parts.isEmpty { return parts.joined(separator: ": ") }
        let preview = response.bodyPreview()
        return preview.isEmpty ? "(empty body)" : preview
    }

    private static func seconds(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }

    private struct TokenRequest: Encodable {
        var grantType: String
        var clientID: String
        var clientSecret: String

        enum CodingKeys: String, CodingKey {
            case grantType = "grant_type", clientID = "client_id", clientSecret = "client_secret"
        }
    }
}
