import Foundation
import MMSKit

/// The itniotech API: email send records (`/email/getSendEmailRcd`, at most 200 ids per call) and the SMS
/// balance (`/sms/getBalance`), every call signed with the `Api-Key`, `Timestamp` and `Sign` headers.
public struct ItniotechClient: Sendable {
    /// How the record query is sent: a JSON body (the default) or the query string.
    public enum QueryMethod: String, Sendable, Hashable, CaseIterable {
        /// A JSON body.
        case post
        /// The query string.
        case get
    }

    /// The provider's name in error messages: its registry description's display name.
    public static let providerName = ItniotechProvider.providerDescription.displayName
    /// The production itniotech API.
    public static let defaultBaseURL = URL(string: "https://api.itniotech.com")!
    /// At most this many ids per record query (the reference; more is refused with -28).
    public static let maximumIDsPerQuery = 200
    static let recordsEndpoint = "email/getSendEmailRcd"
    static let balanceEndpoint = "sms/getBalance"

    /// Where the API is: `defaultBaseURL`, or a sandbox's or proxy's URL.
    public var baseURL: URL
    /// Sends the requests, which the client signs as they leave.
    public var transport: any HTTPTransport
    /// The `Api-Key` header's value; without it (or `apiSecret`) every call fails with `missingCredentials`.
    public var apiKey: String?
    /// The secret the `Sign` header is computed with; never sent itself.
    public var apiSecret: Secret?
    /// How record queries are sent (the balance query is not affected).
    public var queryMethod: QueryMethod
    /// The clock for `Timestamp` (tests fix it).
    public var now: @Sendable () -> Date

    /// A client of the API at `baseURL` with the given key pair, sending record queries with `queryMethod`.
    public init(
        baseURL: URL = ItniotechClient.defaultBaseURL, transport: any HTTPTransport, apiKey: String?,
        apiSecret: Secret?, queryMethod: QueryMethod = .post, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.baseURL = baseURL
        self.transport = transport
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.queryMethod = queryMethod
        self.now = now
    }

    /// The records of any number of ids: duplicates asked once, calls of at most 200 ids in order, answers merged.
    public func records(appID: String, ids: [String]) async throws(ItniotechError) -> ItniotechRecords {
        var seen = Set<String>()
        let unique = ids.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !unique.isEmpty else { throw .noIDs }
        let pages = try await Paginator.collect(unique, size: Self.maximumIDsPerQuery) {
            (chunk: ArraySlice<String>) async throws(ItniotechError) -> ItniotechRecords.Page in
            try await recordsPage(appID: appID, ids: Array(chunk))
        }
        return ItniotechRecords(merging: pages, ids: unique)
    }

    /// One call of at most 200 ids.
    func recordsPage(appID: String, ids: [String]) async throws(ItniotechError) -> ItniotechRecords.Page {
        let reply = try await call(
            Self.recordsEndpoint, api: .email, parameters: [("appId", appID), ("emailId", ids.joined(separator: ","))],
            method: queryMethod)
        var records: [ItniotechRecord] = []
        let array = reply.object["array"]
        guard array == nil || array is NSNull || array is [Any] else {
            throw .badField(endpoint: Self.recordsEndpoint, field: "array", value: ItniotechReply.show(array))
        }
        for (index, element) in ((array as? [Any]) ?? []).enumerated() {
            let path = "array[\(index)]"
            guard let entry = element as? [String: Any] else {
                throw .badField(endpoint: Self.recordsEndpoint, field: path, value: ItniotechReply.show(element))
            }
            let code = try reply.integer("status", in: entry, field: "\(path).status")
            guard let status = ItniotechRecord.Status(rawValue: code) else {
                throw .badField(
                    endpoint: Self.recordsEndpoint, field: "\(path).status", value: "\(code) (not 0, -1 or 1)")
            }
            let receiveTime = try reply.text("receiveTime", in: entry, field: "\(path).receiveTime", optional: true)
            if !receiveTime.isEmpty && ISO8601DateFormatter().date(from: receiveTime) == nil {
                throw .badField(
                    endpoint: Self.recordsEndpoint, field: "\(path).receiveTime",
                    value: ItniotechReply.show(receiveTime) + " (not ISO 8601 with an offset)")
            }
            records.append(
                ItniotechRecord(
                    emailID: try reply.text("emailId", in: entry, field: "\(path).emailId"),
                    toAddress: try reply.text("toAddress", in: entry, field: "\(path).toAddress", optional: true),
                    receiveTime: receiveTime, status: status))
        }
        return ItniotechRecords.Page(
            success: try reply.integer("success"), fail: try reply.integer("fail"),
            sending: try reply.integer("sending"), noFound: try reply.integer("nofound"), records: records)
    }

    /// The SMS account's balance, gift and credit.
    public func balance() async throws(ItniotechError) -> ItniotechBalance {
        let reply = try await call(Self.balanceEndpoint, api: .sms, parameters: [], method: .post)
        return ItniotechBalance(
            balance: try reply.decimal("balance"), gift: try reply.decimal("gift"), credit: try reply.decimal("credit"))
    }

    /// The request for `endpoint` before signing: `parameters` as a JSON body (POST) or a query string (GET).
    public func request(
        _ endpoint: String, parameters: [(String, String)], method: QueryMethod
    ) -> HTTPRequest {
        let url = baseURL.appendingPathComponent(endpoint)
        switch method {
        case .get:
            var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            if !parameters.isEmpty { components?.queryItems = parameters.map { URLQueryItem(name: $0.0, value: $0.1) } }
            return HTTPRequest(method: .get, url: components?.url ?? url, headers: ["Accept": "application/json"])
        case .post:
            var body = "{"
            body += parameters.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",")
            body += "}"
            return HTTPRequest(
                method: .post, url: url,
                headers: ["Accept": "application/json", "Content-Type": "application/json;charset=UTF-8"],
                body: Data(body.utf8))
        }
    }

    /// The signer, when both halves of the credentials are set.
    var authenticator: HeaderSignatureAuthenticator? {
        guard let apiKey, let apiSecret else { return nil }
        return HeaderSignatureAuthenticator(apiKey: apiKey, apiSecret: apiSecret, now: now)
    }

    private func call(
        _ endpoint: String, api: ItniotechStatus.API, parameters: [(String, String)], method: QueryMethod
    ) async throws(ItniotechError) -> ItniotechReply {
        guard let authenticator else { throw .missingCredentials }
        let response: HTTPResponse
        do {
            // Signed as it leaves: the Timestamp is the moment of sending.
            response = try await AuthenticatedTransport(wrapping: transport, authenticator: authenticator).send(
                request(endpoint, parameters: parameters, method: method))
        } catch {
            throw .transport(endpoint: endpoint, error)
        }
        if response.status == 429 {
            throw .rateLimited(RateLimitError(provider: Self.providerName, endpoint: endpoint, response: response))
        }
        let parsed = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
        if let parsed, let status = try? ItniotechReply(endpoint: endpoint, object: parsed).integer("status"),
            status != ItniotechStatus.ok
        {
            // A refusal with its code, whatever the HTTP status it came with.
            throw .api(
                endpoint: endpoint, api: api, status: status, reason: parsed["reason"] as? String ?? "",
                httpStatus: response.status)
        }
        guard (200..<300).contains(response.status), let object = parsed else {
            let reason =
                !(200..<300).contains(response.status)
                ? "an error status" : response.body.isEmpty ? "an empty body" : "a body that is not a JSON object"
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response, reason: reason))
        }
        let reply = ItniotechReply(endpoint: endpoint, object: object)
        let status = try reply.integer("status")
        guard status == ItniotechStatus.ok else {
            throw .api(
                endpoint: endpoint, api: api, status: status,
                reason: (try? reply.text("reason", optional: true)) ?? "")
        }
        return reply
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
