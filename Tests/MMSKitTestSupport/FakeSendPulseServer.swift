import Foundation
import Synchronization

/// A stand-in for the SendPulse REST API on 127.0.0.1: issues OAuth2 tokens for one client, answers only
/// requests bearing a token it issued and has not revoked (else 401), records when each request arrived (to
/// check the client's rate limit by the server's own clock), and can throttle (error 2020202020, or HTTP 429).
public final class FakeSendPulseServer: Sendable {
    public struct State: Sendable {
        /// Every request's arrival time, token requests included, in order.
        public var arrivals: [Date] = []
        /// The method and path of every request.
        public var requests: [String] = []
        public var tokenRequests = 0
        public var validTokens: Set<String> = []
        /// The `/sms/send` bodies accepted, in order.
        public var smsBodies: [Data] = []
        /// Every `/sms/send` body received, refused ones (401, throttled) included.
        public var smsAttempts: [Data] = []
        /// How many times each number was sent a message.
        public var deliveries: [String: Int] = [:]
        /// Answer the next N API requests (not token requests) with error 2020202020.
        public var throttleNext = 0
        /// Answer the next N API requests with HTTP 429.
        public var quotaNext = 0
        /// Answer `/sms/send` with this error code and message.
        public var smsError: (code: Int, message: String)?
        /// Every header set the server read.
        public var headers: [[String: String]] = []
        /// The `expires_in` of the tokens issued from now on.
        public var tokenLifetime = 3600
        /// Answer the next N token requests with HTTP 429.
        public var throttleTokenRequests = 0
        /// The `/balance` and `/user/balance/detail` answers, raw JSON.
        public var balanceAnswer = #"{"currency": "USD", "balance_currency": 12.5}"#
        public var detailAnswer =
            #"{"balance": {"main": "12.50", "bonus": "0.00", "currency": "USD"}, "sms": {"count": 250}}"#
    }

    public final class Box: Sendable {
        public let mutex = Mutex(State())
    }

    public let clientID: String
    public let clientSecret: String
    public let expiresIn: Int
    public let box = Box()
    private let server: LocalHTTPServer!

    public var baseURL: URL { server.baseURL }

    public func withState<Result>(_ body: (inout State) -> Result) -> Result {
        box.mutex.withLock { body(&$0) }
    }

    /// Makes every token issued so far invalid: the next API request with one gets a 401.
    public func revokeTokens() {
        withState { $0.validTokens.removeAll() }
    }

    public init(
        clientID: String = "sp-client-1", clientSecret: String = "sp-SECRET-51c0", expiresIn: Int = 3600
    )
        throws
    {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.expiresIn = expiresIn
        let box = self.box
        box.mutex.withLock { $0.tokenLifetime = expiresIn }
        server = try LocalHTTPServer { request in
            Self.handle(request, clientID: clientID, clientSecret: clientSecret, box: box)
        }
    }

    public func stop() { server.stop() }

    static func handle(
        _ request: LocalHTTPServer.Request, clientID: String, clientSecret: String, box: Box
    ) -> LocalHTTPServer.Response {
        let arrived = Date()
        box.mutex.withLock {
            $0.arrivals.append(arrived)
            $0.requests.append("\(request.method) \(request.path)")
            $0.headers.append(request.headers)
            if request.path == "/sms/send" { $0.smsAttempts.append(request.body) }
        }
        let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
        if request.path == "/oauth/access_token" {
            let throttled = box.mutex.withLock { state -> Bool in
                guard state.throttleTokenRequests > 0 else { return false }
                state.throttleTokenRequests -= 1
                return true
            }
            if throttled {
                return LocalHTTPServer.Response(
                    status: 429, body: Data("Too Many Requests".utf8), contentType: "text/plain")
            }
            guard request.method == "POST", body?["grant_type"] as? String == "client_credentials",
                body?["client_id"] as? String == clientID, body?["client_secret"] as? String == clientSecret
            else {
                return .json(
                    ["error": "invalid_client", "error_description": "Client authentication failed"], status: 401)
            }
            let token = "sp-token-\(UUID().uuidString.prefix(12))"
            let lifetime = box.mutex.withLock {
                $0.tokenRequests += 1
                $0.validTokens.insert(token)
                return $0.tokenLifetime
            }
            return .json(["access_token": token, "token_type": "Bearer", "expires_in": lifetime])
        }
        let bearer = request.headers["authorization"].flatMap {
            $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil
        }
        enum Gate { case ok, unauthorized, throttled, quota }
        let gate = box.mutex.withLock { state -> Gate in
            guard let bearer, state.validTokens.contains(bearer) else { return .unauthorized }
            if state.throttleNext > 0 {
                state.throttleNext -= 1
                return .throttled
            }
            if state.quotaNext > 0 {
                state.quotaNext -= 1
                return .quota
            }
            return .ok
        }
        switch gate {
        case .unauthorized:
            return .json(["error": "invalid_token", "message": "Unauthorized"], status: 401)
        case .throttled:
            return .json(["error_code": 2_020_202_020, "message": "Too many requests per second"])
        case .quota:
            return LocalHTTPServer.Response(
                status: 429, body: Data("Too Many Requests".utf8), contentType: "text/plain")
        case .ok:
            break
        }
        switch (request.method, request.path) {
        case ("GET", "/balance"):
            return LocalHTTPServer.Response(body: Data(box.mutex.withLock { $0.balanceAnswer }.utf8))
        case ("GET", "/user/balance/detail"):
            return LocalHTTPServer.Response(body: Data(box.mutex.withLock { $0.detailAnswer }.utf8))
        case ("POST", "/sms/send"):
            if let error = box.mutex.withLock({ $0.smsError }) {
                return .json(["is_error": true, "error_code": error.code, "message": error.message], status: 400)
            }
            guard let phones = body?["phones"] as? [String], !phones.isEmpty, let text = body?["body"] as? String,
                let sender = body?["sender"] as? String, !sender.isEmpty
            else {
                return .json(["is_error": true, "error_code": 13, "message": "Empty message"], status: 400)
            }
            guard !text.isEmpty else {
                return .json(["is_error": true, "error_code": 13, "message": "Empty message"], status: 400)
            }
            let id = box.mutex.withLock { state -> Int in
                state.smsBodies.append(request.body)
                for phone in phones { state.deliveries[phone, default: 0] += 1 }
                return state.smsBodies.count
            }
            return .json(["result": true, "id": "sms-\(id)", "counters": ["sends": phones.count]])
        default:
            return .json(["is_error": true, "error_code": 800, "message": "Invalid action"], status: 404)
        }
    }
}
