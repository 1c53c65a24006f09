import Foundation
import Hummingbird
import MMSKit
import MMSKitProviders

/// SendPulse's REST API played by the sandbox; not mmskit's SendPulse client (`SendPulseClient`).
///
/// OAuth client credentials issuing bearer tokens that expire after an hour (divided by `--speed`), 401 for an
/// unknown or expired token, at most 10 requests in any second per client (error 2020202020 beyond), a per-minute
/// quota answered with HTTP 429 (the free plan's 1000 a minute), balances, and SMS campaigns charged per number.
actor SendPulseEmulator {
    let context: EmulatorContext

    static let provider: ProviderID = .sendpulse
    static let tokenLifetime: Duration = .seconds(3600)
    static let requestsPerSecond = 10
    /// The free plan's quota (the reference); the sandbox applies it to every client.
    static let requestsPerMinute = 1000
    /// What one SMS costs in the sandbox (SendPulse prices by country; the reference gives none).
    static let centsPerSMS = 2

    private var tokens: [String: ContinuousClock.Instant] = [:]
    /// Arrival times of the API requests of the last minute.
    private var arrivals: [ContinuousClock.Instant] = []

    init(context: EmulatorContext) {
        self.context = context
    }

    nonisolated func register(on router: Router<BasicRequestContext>) {
        router.post("/oauth/access_token") { request, _ in
            try await self.context.answer(Self.provider, request, refusal: Self.refusal) { _ in
                try await self.issueToken(EmulatorContext.body(of: request))
            }
        }
        router.get("/balance") { request, _ in
            try await self.api(request) { _ in
                let account = await self.context.ledger.current.sendPulse
                return .json(
                    SendPulseMoney(currency: account.currency, balance_currency: Double(account.balanceCents) / 100))
            }
        }
        router.get("/balance/:currency") { request, context in
            let currency = context.parameters.get("currency") ?? ""
            return try await self.api(request) { _ in
                let account = await self.context.ledger.current.sendPulse
                guard currency.uppercased() == account.currency else {
                    return Self.error(8, "no data for currency \(currency)", status: .badRequest)
                }
                return .json(
                    SendPulseMoney(currency: account.currency, balance_currency: Double(account.balanceCents) / 100))
            }
        }
        router.get("/user/balance/detail") { request, _ in
            try await self.api(request) { _ in
                let account = await self.context.ledger.current.sendPulse
                struct Detail: Encodable {
                    struct Main: Encodable {
                        var main: String
                        var bonus: String
                        var currency: String
                    }
                    struct SMS: Encodable { var count: Int }
                    var balance: Main
                    var sms: SMS
                }
                return .json(
                    Detail(
                        balance: .init(
                            main: String(format: "%.2f", Double(account.balanceCents) / 100), bonus: "0.00",
                            currency: account.currency),
                        sms: .init(count: account.balanceCents / Self.centsPerSMS)))
            }
        }
        router.post("/sms/send") { request, _ in
            try await self.api(request) { body in try await self.sendSMS(body) }
        }
    }

    struct SendPulseMoney: Encodable {
        var currency: String
        var balance_currency: Double
    }

    struct ErrorBody: Encodable {
        var is_error = true
        var error_code: Int
        var message: String
    }

    static func error(_ code: Int, _ message: String, status: HTTPResponse.Status) -> ProviderAnswer {
        .json(ErrorBody(error_code: code, message: message), status: status)
    }

    @Sendable static func refusal(_ status: HTTPResponse.Status) -> ProviderAnswer {
        status == .tooManyRequests
            ? .raw(Data("Too Many Requests".utf8), status: status, contentType: "text/plain")
            : error(500, "service unavailable", status: status)
    }

    private func issueToken(_ body: Data) async throws -> ProviderAnswer {
        let fields = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        let account = context.configuration.accounts.sendPulse
        guard fields["grant_type"] as? String == "client_credentials",
            fields["client_id"] as? String == account.clientID,
            fields["client_secret"] as? String == account.clientSecret.exposedValue
        else {
            return .json(
                [
                    "error": "invalid_client", "error_description": "Client authentication failed",
                    "message": "Client authentication failed",
                ],
                status: .unauthorized)
        }
        let token = "sandbox-token-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let lifetime = context.configuration.scaled(Self.tokenLifetime)
        tokens[token] = ContinuousClock.now.advanced(by: lifetime)
        _ = try await context.ledger.change { $0.sendPulse.tokensIssued += 1 }
        struct Token: Encodable {
            var access_token: String
            var token_type = "Bearer"
            var expires_in: Int
        }
        return .json(Token(access_token: token, expires_in: max(1, Int(lifetime.components.seconds))))
    }

    /// An API call: a live token, then the per-second limit and the per-minute quota, then `handler`.
    private nonisolated func api(
        _ request: Request, _ handler: @escaping @Sendable (Data) async throws -> ProviderAnswer
    ) async throws -> Response {
        try await context.answer(Self.provider, request, refusal: Self.refusal) { struck in
            let header = request.headers[.authorization] ?? ""
            let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)) : ""
            let expired = struck.contains { $0.kind == .tokenExpiry }
            if expired { await self.expire(token) }
            guard await self.isLive(token) else {
                return .json(["error": "invalid_token", "message": "Unauthorized"], status: .unauthorized)
            }
            switch await self.admit() {
            case .perSecond:
                return Self.error(2_020_202_020, "Too many requests per second", status: .ok)
            case .perMinute:
                return .raw(Data("Too Many Requests".utf8), status: .tooManyRequests, contentType: "text/plain")
            case .admitted:
                return try await handler(try await EmulatorContext.body(of: request))
            }
        }
    }

    private func isLive(_ token: String) -> Bool {
        guard let expiry = tokens[token] else { return false }
        return ContinuousClock.now < expiry
    }

    private func expire(_ token: String) { tokens[token] = nil }

    enum Admission { case admitted, perSecond, perMinute }

    /// Counts this request against the limits: 10 in any second, 1000 in any minute.
    private func admit() -> Admission {
        let now = ContinuousClock.now
        arrivals.removeAll { $0 < now.advanced(by: .seconds(-60)) }
        if arrivals.count >= Self.requestsPerMinute { return .perMinute }
        let lastSecond = arrivals.reversed().prefix { $0 > now.advanced(by: .seconds(-1)) }.count
        if lastSecond >= Self.requestsPerSecond { return .perSecond }
        arrivals.append(now)
        return .admitted
    }

    private func sendSMS(_ body: Data) async throws -> ProviderAnswer {
        let fields = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        guard let sender = fields["sender"] as? String, !sender.isEmpty else {
            return Self.error(701, "sender is missing", status: .badRequest)
        }
        guard let phones = fields["phones"] as? [Any], !phones.isEmpty else {
            return Self.error(11, "recipient numbers not found", status: .badRequest)
        }
        guard let text = fields["body"] as? String, !text.isEmpty else {
            return Self.error(13, "Empty message", status: .badRequest)
        }
        let numbers = phones.compactMap { $0 as? String ?? ($0 as? NSNumber)?.stringValue }
        guard numbers.count == phones.count, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            return Self.error(11, "recipient numbers not found: phones must be digits", status: .badRequest)
        }
        let cost = numbers.count * Self.centsPerSMS
        let id: String? = try await context.ledger.change { snapshot in
            guard snapshot.sendPulse.balanceCents >= cost else { return nil }
            snapshot.sendPulse.balanceCents -= cost
            let id = String(snapshot.takeID())
            snapshot.sendPulse.campaigns[id] = numbers.count
            return id
        }
        guard let id else { return Self.error(707, "balance too low", status: .badRequest) }
        struct Sent: Encodable {
            struct Counters: Encodable { var sends: Int }
            var result = true
            var id: String
            var counters: Counters
        }
        return .json(Sent(id: id, counters: .init(sends: numbers.count)))
    }
}
