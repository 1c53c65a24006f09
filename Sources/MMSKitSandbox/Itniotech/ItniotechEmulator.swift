import Crypto
import Foundation
import Hummingbird
import MMSKit
import MMSKitProviders

/// itniotech's API played by the sandbox; not mmskit's itniotech client (`ItniotechClient`).
///
/// Every call signed with Api-Key, Timestamp and Sign (MD5 of apiKey + apiSecret + timestamp, any letter case),
/// answers whose values are all strings, status codes instead of HTTP errors, email send records for the ids the
/// sandbox issued (at most 200 per query, -28 beyond), and the SMS balance.
struct ItniotechEmulator: Sendable {
    let context: EmulatorContext

    static let provider: ProviderID = .itniotech
    static let maximumIDsPerQuery = 200
    /// The reference publishes no allowed clock difference; the sandbox accepts ±300 s.
    static let timestampSkew = 300
    /// The email ids the sandbox issued: sandbox-email-1 … sandbox-email-1000.
    static let issuedIDs = 1...1000

    func register(on router: Router<BasicRequestContext>) {
        for method in [HTTPRequest.Method.get, .post] {
            router.on("/email/getSendEmailRcd", method: method) { request, _ in
                try await context.answer(Self.provider, request, refusal: Self.refusal) { _ in
                    try await records(request)
                }
            }
            router.on("/sms/getBalance", method: method) { request, _ in
                try await context.answer(Self.provider, request, refusal: Self.refusal) { _ in
                    if let failure = authenticate(request, api: .sms) { return failure }
                    let account = await context.ledger.current.itniotech
                    return .json([
                        "status": "0", "reason": "success", "balance": account.balance, "gift": account.gift,
                        "credit": account.credit,
                    ])
                }
            }
        }
    }

    enum API { case email, sms }

    static func status(_ code: String, _ reason: String, status: HTTPResponse.Status = .ok) -> ProviderAnswer {
        .json(["status": code, "reason": reason], status: status)
    }

    @Sendable static func refusal(_ status: HTTPResponse.Status) -> ProviderAnswer {
        Self.status("-23", status == .tooManyRequests ? "too many requests" : "port or program error", status: status)
    }

    /// The three signing headers; nil when they are right, else the status itniotech answers.
    private func authenticate(_ request: Request, api: API) -> ProviderAnswer? {
        let account = context.configuration.accounts.itniotech
        func header(_ name: String) -> String? {
            request.headers.first { $0.name.canonicalName == name }?.value
        }
        guard let key = header("api-key"), let timestamp = header("timestamp"), let sign = header("sign") else {
            return Self.status("-1", "authentication error: Api-Key, Timestamp and Sign are required")
        }
        let expected = Insecure.MD5.hash(data: Data((account.apiKey + account.apiSecret.exposedValue + timestamp).utf8))
            .map { String(format: "%02x", $0) }.joined()
        guard key == account.apiKey, sign.lowercased() == expected else {
            return Self.status("-1", "authentication error")
        }
        guard let time = Int(timestamp), abs(Int(Date().timeIntervalSince1970) - time) <= Self.timestampSkew else {
            return Self.status(api == .sms ? "-16" : "-6", "timestamp expired")
        }
        if request.method == .post {
            let type = request.headers[.contentType]?.lowercased().replacingOccurrences(of: " ", with: "")
            guard type == "application/json;charset=utf-8" else {
                return Self.status("-23", "Content-Type must be application/json;charset=UTF-8")
            }
        }
        return nil
    }

    private func records(_ request: Request) async throws -> ProviderAnswer {
        if let failure = authenticate(request, api: .email) { return failure }
        var parameters: [String: String] = [:]
        if request.method == .get {
            for (name, value) in request.uri.queryParameters { parameters[String(name)] = String(value) }
        } else {
            let body = try await EmulatorContext.body(of: request)
            parameters =
                ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?.compactMapValues {
                    $0 as? String ?? ($0 as? NSNumber)?.stringValue
                } ?? [:]
        }
        guard parameters["appId"] == context.configuration.accounts.itniotech.appID else {
            return Self.status("-5", "field empty or bad query id: appId")
        }
        let ids = (parameters["emailId"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !ids.isEmpty, !ids.contains(where: \.isEmpty) else {
            return Self.status("-5", "field empty or bad query id: emailId")
        }
        guard ids.count <= Self.maximumIDsPerQuery else {
            return Self.status("-28", "more than \(Self.maximumIDsPerQuery) ids in one query (\(ids.count))")
        }
        var counts = (success: 0, fail: 0, sending: 0, nofound: 0)
        var array: [[String: String]] = []
        for id in ids {
            guard let record = Self.record(id, seed: context.configuration.seed) else {
                counts.nofound += 1
                continue
            }
            switch record.status {
            case "0": counts.success += 1
            case "1": counts.fail += 1
            default: counts.sending += 1
            }
            array.append([
                "emailId": id, "toAddress": record.address, "receiveTime": record.receiveTime, "status": record.status,
            ])
        }
        struct Reply: Encodable {
            var status = "0"
            var reason = "success"
            var success, fail, sending, nofound: String
            var array: [[String: String]]
        }
        return .json(
            Reply(
                success: String(counts.success), fail: String(counts.fail), sending: String(counts.sending),
                nofound: String(counts.nofound), array: array))
    }

    /// The record of an issued id: 80 % sent (with a receive time), 10 % sending, 10 % failed, by the seed.
    static func record(_ id: String, seed: UInt64) -> (address: String, receiveTime: String, status: String)? {
        guard id.hasPrefix("sandbox-email-"), let number = Int(id.dropFirst("sandbox-email-".count)),
            issuedIDs.contains(number)
        else { return nil }
        let draw = SeededRandom.unit(seed: seed, "itniotech|\(id)")
        let status = draw < 0.8 ? "0" : draw < 0.9 ? "-1" : "1"
        let time = Date(timeIntervalSince1970: 1_764_547_200 + Double(number) * 61)
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return ("user\(number)@example.com", status == "0" ? formatter.string(from: time) : "", status)
    }
}
