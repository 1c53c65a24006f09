import Foundation
import MMSKit

/// The ihuyi marketing MMS API (mms/v1): templateCreate, batchSend and balance, signed as the document says.
public struct IhuyiClient: Sendable {
    /// Where the API is: `defaultBaseURL`, or a sandbox's or proxy's URL.
    public var baseURL: URL
    /// Sends the signed requests; the client makes exactly one request per call and retries nothing.
    public var transport: any HTTPTransport
    /// The API id and key that sign every request; `nil` makes every call fail with `missingCredentials`.
    public var credentials: IhuyiCredentials?
    /// The clock for `timestamp` (tests fix it).
    public var now: @Sendable () -> Date

    /// The production ihuyi API.
    public static let defaultBaseURL = URL(string: "https://api.ihuyi.com")!
    /// At most this many numbers per batchSend request (the ihuyi document).
    public static let maxRecipientsPerRequest = 10_000
    /// The provider's name in error messages: its registry description's display name.
    public static let providerName = IhuyiProvider.providerDescription.displayName

    /// A client of the API at `baseURL`, signing with `credentials`, its `timestamp` read from `now`.
    public init(
        baseURL: URL = IhuyiClient.defaultBaseURL, transport: any HTTPTransport, credentials: IhuyiCredentials?,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.baseURL = baseURL
        self.transport = transport
        self.credentials = credentials
        self.now = now
    }

    /// Submits a template for carrier review; returns its template_id.
    public func createTemplate(
        fields: TemplateFields, content: MMSContent, requestID: String = UUID().uuidString
    ) async throws(IhuyiError) -> Int {
        let response = try await call(
            "templateCreate", payload: IhuyiRequestBody.templateCreate(fields, content: content, requestID: requestID))
        guard let templateID = Self.integer(response["template_id"]) else {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: "templateCreate", response: response.http,
                    reason: "no template_id"))
        }
        return templateID
    }

    /// Sends one batch (at most 10,000 numbers) under `requestID`; returns the task_id for delivery receipts.
    /// Sending the same request again with the same `requestID` within 2 hours is de-duplicated by ihuyi.
    public func sendBatch(
        _ batch: IhuyiBatch, to phones: [PhoneNumber], requestID: String
    ) async throws(IhuyiError) -> String {
        let payload = IhuyiRequestBody.batchSend(batch, phones: phones.map(\.digits), requestID: requestID)
        let response = try await call("batchSend", payload: payload)
        guard let taskID = Self.text(response["task_id"]) else {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: "batchSend", response: response.http, reason: "no task_id"))
        }
        return taskID
    }

    /// The account's products and their balances.
    /// - Throws: `.unreadableResponse` naming the product and field when a product_id is not a whole number or
    ///   a balance is not a finite number (a table never shows a made-up 0 or a wrapped-around id).
    public func balance(requestID: String = UUID().uuidString) async throws(IhuyiError) -> [IhuyiProduct] {
        let response = try await call("balance", payload: IhuyiRequestBody.balance(requestID: requestID))
        func unreadable(_ reason: String) -> IhuyiError {
            .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: "balance", response: response.http, reason: reason))
        }
        guard let data = response["data"] as? [[String: Any]] else { throw unreadable("no data array") }
        var products: [IhuyiProduct] = []
        for (index, entry) in data.enumerated() {
            guard let id = Self.integer(entry["product_id"]) else {
                throw unreadable(
                    "product \(index + 1)'s product_id \(Self.shown(entry["product_id"])), not a whole number")
            }
            guard let balance = Self.number(entry["balance"]) else {
                throw unreadable("product \(id)'s balance \(Self.shown(entry["balance"])), not a number")
            }
            products.append(
                IhuyiProduct(productID: id, productName: Self.text(entry["product_name"]) ?? "", balance: balance))
        }
        return products
    }

    /// The exact request a call sends: `payload` (an `IhuyiRequestBody`) signed now. `--dry-run` prints it.
    public func request(_ endpoint: String, payload: Data) throws(IhuyiError) -> HTTPRequest {
        guard let signer else { throw .missingCredentials }
        do {
            return try signer.signed(unsignedRequest(endpoint, payload: payload))
        } catch {
            throw .transport(endpoint: endpoint, error)
        }
    }

    /// The signer of this client's requests, when it has credentials.
    private var signer: IhuyiBodySigner? { credentials.map { IhuyiBodySigner(credentials: $0, now: now) } }

    /// The request before authentication: the signer puts the signature fields in front of the payload.
    private func unsignedRequest(_ endpoint: String, payload: Data) -> HTTPRequest {
        HTTPRequest(
            method: .post, url: baseURL.appendingPathComponent("mms/v1/\(endpoint)"),
            headers: ["Content-Type": "application/json; charset=utf-8", "Accept": "application/json"], body: payload)
    }

    private struct Reply {
        var object: [String: Any]
        var http: HTTPResponse
        subscript(key: String) -> Any? { object[key] }
    }

    private func call(_ endpoint: String, payload: Data) async throws(IhuyiError) -> Reply {
        guard let signer else { throw .missingCredentials }
        let response: HTTPResponse
        do {
            // Signed as it leaves, by the middleware: a timestamp of the moment it is sent.
            response = try await AuthenticatedTransport(wrapping: transport, authenticator: signer).send(
                unsignedRequest(endpoint, payload: payload))
        } catch {
            throw .transport(endpoint: endpoint, error)
        }
        if response.status == 429 {
            let message = ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]).flatMap {
                Self.text($0["message"])
            }
            throw .rateLimited(
                RateLimitError(provider: Self.providerName, endpoint: endpoint, response: response, detail: message))
        }
        if response.status >= 500 {
            // A server error, even one with an ihuyi-style body, says nothing sure about whether the request was
            // carried out: it is retried under the same request_id (which ihuyi de-duplicates), never final.
            let message = ((try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]).flatMap {
                Self.text($0["message"])
            }
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    reason: "a server error" + (message.map { " (\($0))" } ?? "")))
        }
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    reason: response.body.isEmpty ? "an empty body" : "a body that is not a JSON object"))
        }
        guard let code = Self.text(object["code"]) else {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response, reason: "no code"))
        }
        guard code == "OK" else {
            throw .api(endpoint: endpoint, code: code, message: Self.text(object["message"]) ?? "")
        }
        return Reply(object: object, http: response)
    }

    static func text(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? NSNumber { return number.stringValue }
        return nil
    }

    /// A whole number, exactly: never a fraction cut or a number too large wrapped around.
    static func integer(_ value: Any?) -> Int? {
        guard !isBoolean(value) else { return nil }
        return Self.text(value).flatMap { Int($0) }
    }

    /// A finite number, or a string of one (such as "12.50").
    static func number(_ value: Any?) -> Double? {
        guard !isBoolean(value), let number = Self.text(value).flatMap({ Double($0) }), number.isFinite else {
            return nil
        }
        return number
    }

    /// JSON true and false arrive as NSNumbers of type char ("c"); JSON numbers never do.
    private static func isBoolean(_ value: Any?) -> Bool {
        (value as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }

    /// A value as it came, for error messages.
    private static func shown(_ value: Any?) -> String {
        switch value {
        case nil: "is missing"
        case is NSNull: "is null"
        case let flag as NSNumber where isBoolean(flag): "is \(flag.boolValue)"
        case let text as String: "is \"\(text.prefix(40))\""
        case let number as NSNumber: "is \(number.stringValue)"
        default: "is a list or an object"
        }
    }
}
