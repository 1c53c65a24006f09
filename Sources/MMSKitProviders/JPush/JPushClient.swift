import Foundation
import MMSKit

/// A client for the JPush JSMS REST API: balances, templates and sending; one call makes one request, no retries.
public struct JPushClient: Sendable, CustomStringConvertible, CustomReflectable {
    /// The production JSMS endpoint.
    public static let defaultBaseURL = URL(string: "https://api.sms.jpush.cn")!
    /// The most recipients one batch request may carry.
    public static let maximumBatchSize = 1000
    /// The provider name used in errors: its registry description's display name.
    static let providerName = JPushProvider.providerDescription.displayName

    /// Where requests go; tests and proxies may point it elsewhere.
    public let baseURL: URL
    private let transport: any HTTPTransport
    private let app: JPushCredentials?
    private let developer: JPushDeveloperCredentials?

    /// - Parameters:
    ///   - baseURL: the JSMS API (`defaultBaseURL`, or the sandbox's).
    ///   - transport: sends the requests; the client adds the HTTP Basic credentials.
    ///   - app: needed for every call except `developerBalance()`.
    ///   - developer: needed only for `developerBalance()`.
    public init(
        baseURL: URL = JPushClient.defaultBaseURL,
        transport: any HTTPTransport,
        app: JPushCredentials?,
        developer: JPushDeveloperCredentials?
    ) {
        self.baseURL = baseURL
        self.transport = transport
        self.app = app
        self.developer = developer
    }

    /// The endpoint and the key identifiers (never a secret), for logs.
    public var description: String {
        "JPushClient(\(URLRedaction.redact(baseURL)), app: \(app.map(\.appKey) ?? "none"), developer: \(developer.map(\.devKey) ?? "none"))"
    }

    /// Shows the endpoint and the key identifiers only, so `dump` prints neither secrets nor the transport.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "baseURL": URLRedaction.redact(baseURL), "appKey": app?.appKey as Any,
                "devKey": developer?.devKey as Any,
            ],
            displayStyle: .struct
        )
    }

    // MARK: Balances

    /// The app's remaining quota (GET /v1/accounts/app).
    public func appBalance() async throws(JPushError) -> JPushAppBalance {
        let response = try await exchange(.get, "v1/accounts/app", authorization: appAuthorization())
        return try decode(JPushAppBalance.self, from: response, endpoint: "GET /v1/accounts/app")
    }

    /// The developer account's quota not yet given to an app (GET /v1/accounts/dev, developer credentials).
    public func developerBalance() async throws(JPushError) -> JPushDeveloperBalance {
        let response = try await exchange(.get, "v1/accounts/dev", authorization: developerAuthorization())
        return try decode(JPushDeveloperBalance.self, from: response, endpoint: "GET /v1/accounts/dev")
    }

    // MARK: Templates

    /// Submits a template for review and returns its id (POST /v1/templates); the draft is validated first.
    public func createTemplate(_ template: JPushTemplateDraft) async throws(JPushError) -> Int {
        try template.validate()
        let authorization = try appAuthorization()
        let response = try await exchange(.post, "v1/templates", authorization: authorization, body: encode(template))
        return try decode(TemplateID.self, from: response, endpoint: "POST /v1/templates").id
    }

    /// A template with its review status (GET /v1/templates/{id}).
    public func template(id: Int) async throws(JPushError) -> JPushTemplate {
        let response = try await exchange(.get, "v1/templates/\(id)", authorization: appAuthorization())
        let body = try decode(TemplateBody.self, from: response, endpoint: "GET /v1/templates/\(id)")
        return JPushTemplate(
            id: body.id ?? id, text: body.text, typeCode: body.type, ttl: body.ttl, remark: body.remark,
            status: body.status
        )
    }

    /// Replaces a rejected template and resubmits it (PUT /v1/templates/{id}); JSMS refuses others with 50047.
    public func updateTemplate(id: Int, _ template: JPushTemplateDraft) async throws(JPushError) {
        try template.validate()
        let authorization = try appAuthorization()
        _ = try await exchange(.put, "v1/templates/\(id)", authorization: authorization, body: encode(template))
    }

    /// Deletes a template (DELETE /v1/templates/{id}); JSMS answers 200 with an empty body.
    public func deleteTemplate(id: Int) async throws(JPushError) {
        _ = try await exchange(.delete, "v1/templates/\(id)", authorization: appAuthorization())
    }

    // MARK: Sending

    /// Sends one template message and returns its message id (POST /v1/messages).
    /// - Parameters:
    ///   - mobile: the recipient's number.
    ///   - templateID: the approved template to send.
    ///   - parameters: values for the template's `{{variables}}`; empty sends none.
    ///   - signID: the sign to use; nil uses the app's default sign.
    public func sendMessage(
        mobile: String,
        templateID: Int,
        parameters: [String: String] = [:],
        signID: Int? = nil
    ) async throws(JPushError) -> String {
        let authorization = try appAuthorization()
        let message = MessageBody(
            mobile: mobile, templateID: templateID, parameters: parameters.isEmpty ? nil : parameters, signID: signID)
        let response = try await exchange(.post, "v1/messages", authorization: authorization, body: encode(message))
        return try decode(MessageID.self, from: response, endpoint: "POST /v1/messages").id
    }

    /// Sends one template to up to 1000 recipients (POST /v1/messages/batch); an empty or oversized batch is
    /// refused before anything is sent.
    public func sendBatch(_ batch: JPushBatch) async throws(JPushError) -> JPushBatchResult {
        let response = try await exchange(batchRequest(batch), endpoint: "POST /v1/messages/batch")
        return try decode(JPushBatchResult.self, from: response, endpoint: "POST /v1/messages/batch")
    }

    /// The exact batch request `sendBatch` sends, for `--dry-run`; an empty or oversized batch is refused.
    public func batchRequest(_ batch: JPushBatch) throws(JPushError) -> HTTPRequest {
        guard !batch.recipients.isEmpty else { throw .noRecipients }
        guard batch.recipients.count <= Self.maximumBatchSize else { throw .tooManyRecipients(batch.recipients.count) }
        return request(.post, "v1/messages/batch", authorization: try appAuthorization(), body: try encode(batch))
    }

    // MARK: Plumbing

    /// `Basic base64(user:password)`, as HTTP Basic authentication defines it.
    static func basicAuthorization(user: String, password: Secret) -> String {
        HTTPBasicAuthenticator(user: user, password: password).authorization
    }

    private func appAuthorization() throws(JPushError) -> String {
        guard let app else { throw .missingCredentials(.app) }
        return Self.basicAuthorization(user: app.appKey, password: app.masterSecret)
    }

    private func developerAuthorization() throws(JPushError) -> String {
        guard let developer else { throw .missingCredentials(.developer) }
        return Self.basicAuthorization(user: developer.devKey, password: developer.devSecret)
    }

    private func encode(_ body: some Encodable) throws(JPushError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(body)
        } catch {
            throw .invalidDraft("the request could not be encoded as JSON: \(error)")
        }
    }

    /// Sends the request and returns a 2xx response; JSMS error bodies become `.api`, anything else unreadable.
    private func exchange(
        _ method: HTTPRequest.Method,
        _ path: String,
        authorization: String,
        body: Data? = nil
    ) async throws(JPushError) -> HTTPResponse {
        try await exchange(
            request(method, path, authorization: authorization, body: body), endpoint: "\(method.rawValue) /\(path)")
    }

    /// A JSMS request: JSON in and out, HTTP Basic authentication.
    private func request(
        _ method: HTTPRequest.Method, _ path: String, authorization: String, body: Data?
    ) -> HTTPRequest {
        var headers = ["Authorization": authorization, "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json; charset=utf-8" }
        return HTTPRequest(method: method, url: baseURL.appending(path: path), headers: headers, body: body)
    }

    /// Sends `request` and returns a 2xx response; JSMS error bodies become `.api`, anything else unreadable.
    private func exchange(_ request: HTTPRequest, endpoint: String) async throws(JPushError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .transport(error)
        }
        let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: response.body)
        if response.status == 429 {
            throw .rateLimited(
                RateLimitError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    detail: envelope.map { "\($0.error.code) \($0.error.message)" }))
        }
        if let envelope, envelope.error.code != JPushErrorCatalog.ok || !(200..<300).contains(response.status) {
            throw .api(status: response.status, code: envelope.error.code, message: envelope.error.message)
        }
        guard (200..<300).contains(response.status) else {
            let reason: String
            if response.body.isEmpty {
                reason = "an empty body instead of a JSMS error"
            } else if (try? JSONSerialization.jsonObject(with: response.body, options: .fragmentsAllowed)) != nil {
                reason = "JSON that is not a JSMS error"
            } else {
                reason = "a body that is not JSON"
            }
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    reason: reason))
        }
        return response
    }

    private func decode<Body: Decodable>(
        _ type: Body.Type,
        from response: HTTPResponse,
        endpoint: String
    ) throws(JPushError) -> Body {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            throw .unreadableResponse(
                ProviderResponseError(
                    provider: Self.providerName, endpoint: endpoint, response: response,
                    reason: Self.explain(error as? DecodingError)))
        }
    }

    /// A short reason for a decoding failure, naming the field at fault.
    private static func explain(_ error: DecodingError?) -> String {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String {
            let keys = context.codingPath + (key.map { [$0] } ?? [])
            return keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .keyNotFound(let key, let context)?:
            return "unexpected JSON: no \(path(context, key))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            return "unexpected JSON: \(path(context)) has the wrong type"
        case .dataCorrupted(let context)? where context.codingPath.isEmpty:
            return "a body that is not JSON"
        case .dataCorrupted(let context)?:
            return "unexpected JSON: \(path(context)) is invalid (\(context.debugDescription))"
        default:
            return "an unreadable body"
        }
    }
}

/// The JSMS wire bodies, public for the sandbox and the receiver.
extension JPushClient {
    /// The JSMS error body, `{"error":{"code":…,"message":…}}`.
    public struct ErrorEnvelope: Codable, Sendable, Hashable {
        /// The error itself: JSMS's code and its message.
        public struct Detail: Codable, Sendable, Hashable {
            /// The JSMS error code (sent as a number or a string; read as a number).
            public let code: Int
            /// JSMS's message for the code; empty when it sent none.
            public let message: String

            /// The detail of error `code` saying `message`.
            public init(code: Int, message: String) {
                self.code = code
                self.message = message
            }

            enum CodingKeys: String, CodingKey {
                case code
                case message
            }

            /// Reads a `code` sent as a number or as a string of digits, and a missing message as empty.
            public init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                let text = try container.decode(JPushLenientString.self, forKey: .code).value
                guard let code = Int(text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .code, in: container, debugDescription: "not an integer")
                }
                self.code = code
                message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
            }
        }

        /// The `error` object.
        public let error: Detail

        /// The body of error `code` saying `message`.
        public init(code: Int, message: String) {
            error = Detail(code: code, message: message)
        }
    }

    /// The answer to a template creation, `{"temp_id":…}`.
    public struct TemplateID: Codable, Sendable, Hashable {
        /// The new template's id (`temp_id`).
        public let id: Int

        /// The answer naming template `id`.
        public init(id: Int) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id = "temp_id"
        }
    }

    /// The answer to a template query; `temp_id` may be left out.
    public struct TemplateBody: Codable, Sendable, Hashable {
        /// The template's id (`temp_id`); `nil` when the answer left it out.
        public let id: Int?
        /// The template text (`template`), with its `{{variables}}`.
        public let text: String
        /// What the template is for (`type`): 1 verification code, 2 notification, 3 marketing.
        public let type: Int
        /// Seconds a verification code stays valid (`ttl`); `nil` for other templates.
        public let ttl: Int?
        /// The note sent for review (`remark`).
        public let remark: String?
        /// Where the template's review stands.
        public let status: JPushTemplateStatus

        /// A template query answer with the given fields.
        public init(id: Int?, text: String, type: Int, ttl: Int?, remark: String?, status: JPushTemplateStatus) {
            self.id = id
            self.text = text
            self.type = type
            self.ttl = ttl
            self.remark = remark
            self.status = status
        }

        enum CodingKeys: String, CodingKey {
            case id = "temp_id"
            case text = "template"
            case type
            case ttl
            case remark
            case status
        }
    }

    /// The body of a single send.
    public struct MessageBody: Codable, Sendable, Hashable {
        /// The recipient's number.
        public let mobile: String
        /// The approved template to send (`temp_id`).
        public let templateID: Int
        /// The values of the template's variables (`temp_para`); `nil` when it has none.
        public let parameters: [String: String]?
        /// The signature to send with (`sign_id`); `nil` for the app's default signature.
        public let signID: Int?

        /// A send of template `templateID` to `mobile`.
        public init(mobile: String, templateID: Int, parameters: [String: String]?, signID: Int?) {
            self.mobile = mobile
            self.templateID = templateID
            self.parameters = parameters
            self.signID = signID
        }

        enum CodingKeys: String, CodingKey {
            case mobile
            case templateID = "temp_id"
            case parameters = "temp_para"
            case signID = "sign_id"
        }
    }

    /// The answer to a single send, `{"msg_id":…}` with a number or a string.
    public struct MessageID: Codable, Sendable, Hashable {
        /// The message id JSMS gave (`msg_id`), as decimal text whether it came as a number or a string.
        public let id: String

        /// The answer naming message `id`.
        public init(id: String) {
            self.id = id
        }

        enum CodingKeys: String, CodingKey {
            case id = "msg_id"
        }

        /// Reads `msg_id` whether JSMS sent it as a number or a string.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(JPushLenientString.self, forKey: .id).value
        }
    }
}
