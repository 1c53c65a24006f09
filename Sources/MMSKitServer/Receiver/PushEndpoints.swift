import Foundation
import Hummingbird
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore

/// What each route does with a push: read the body within the limit, parse it, store the records, and answer
/// the provider only once `store` has returned (the records are committed). A refused request stores nothing.
struct PushEndpoints: Sendable {
    let store: any PushStore
    let configuration: ReceiverConfiguration
    let logger: Logger
    let replays: JSMSReplayGuard
    let metrics: ReceiverMetrics

    init(
        store: any PushStore, configuration: ReceiverConfiguration, logger: Logger,
        metrics: ReceiverMetrics = ReceiverMetrics()
    ) {
        self.store = store
        self.metrics = metrics
        self.configuration = configuration
        self.logger = logger
        replays = JSMSReplayGuard(tolerance: configuration.jsmsClockSkew)
    }

    /// The providers' routes: ihuyi's three push URLs and the JSMS callback (its GET answers the URL check).
    func routes<Context: RequestContext>(context: Context.Type) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.post("/ihuyi/receipts") { request, _ in try await ihuyi(.deliveryReceipt, request: request) }
        routes.post("/ihuyi/uplinks") { request, _ in try await ihuyi(.reply, request: request) }
        routes.post("/ihuyi/reviews") { request, _ in try await ihuyi(.templateReview, request: request) }
        routes.get("/jpush/callback") { request, _ in jpushVerification(request: request) }
        routes.post("/jpush/callback") { request, _ in try await jpushCallback(request: request) }
        return routes
    }

    /// `POST /ihuyi/receipts|uplinks|reviews`: one JSON object or an array; answered `success` once stored.
    func ihuyi(_ kind: PushKind, request: Request) async throws -> Response {
        let body: [UInt8]
        switch try await BoundedBody.read(
            request, limit: configuration.maximumBodySize, deadline: configuration.bodyDeadline)
        {
        case .complete(let bytes): body = bytes
        case .tooLarge: return tooLarge(request)
        case .tooSlow: return tooSlow(request)
        }
        let records: [PushRecord]
        do {
            records = try IhuyiPushParser.records(from: Data(body), kind: kind)
        } catch {
            return refuse(request, .badRequest, error.description)
        }
        return await commit(records, request: request)
    }

    /// `GET /jpush/callback?echostr=X`: JSMS checks the URL by expecting X back.
    func jpushVerification(request: Request) -> Response {
        guard configuration.jpush != nil else { return missingCredentials(request) }
        let query: [String: String]
        do {
            query = try FormFields.parse(request.uri.query ?? "")
        } catch {
            return refuse(request, .badRequest, "the query: \(error.description)")
        }
        guard let echo = query["echostr"] else {
            return refuse(request, .badRequest, "a GET must carry ?echostr=… (JSMS's URL check)")
        }
        return PlainText.exact(echo)
    }

    /// `POST /jpush/callback`: a signed form (nonce, timestamp, type, data, signature); 200 once stored. A stale
    /// timestamp or a nonce seen with other content is refused (`JSMSReplayGuard`); the same callback again is
    /// answered 200 and stored once.
    func jpushCallback(request: Request) async throws -> Response {
        guard let credentials = configuration.jpush else { return missingCredentials(request) }
        if let type = request.headers[.contentType], !Self.isForm(type) {
            return refuse(request, .badRequest, "the body must be application/x-www-form-urlencoded, not \(type)")
        }
        let body: [UInt8]
        switch try await BoundedBody.read(
            request, limit: configuration.maximumBodySize, deadline: configuration.bodyDeadline)
        {
        case .complete(let bytes): body = bytes
        case .tooLarge: return tooLarge(request)
        case .tooSlow: return tooSlow(request)
        }
        let callback: JPushCallback
        let record: PushRecord
        do {
            let fields = try FormFields.parse(String(decoding: body, as: UTF8.self))
            callback = try JPushCallbackParser.callback(from: fields, credentials: credentials)
            record = try JPushCallbackParser.record(from: callback)
        } catch let error as JPushCallbackParser.Failure {
            switch error {
            case .badSignature: return refuse(request, .unauthorized, error.description)
            case .malformed(let reason): return refuse(request, .badRequest, reason.description)
            }
        } catch let error as PushPayloadError {
            return refuse(request, .badRequest, error.description)
        }
        switch replays.admit(callback) {
        case .take: break
        case .alreadyStored: return PlainText.exact("success")
        case .unreadableTimestamp:
            return refuse(request, .badRequest, "timestamp is not a whole number of milliseconds since 1970")
        case .stale(let seconds):
            let skew = configuration.jsmsClockSkew.components.seconds
            return refuse(
                request, .unauthorized,
                "the timestamp is \(abs(seconds)) s \(seconds < 0 ? "behind" : "ahead of") this receiver's clock, more than the \(skew) s accepted (--jsms-clock-skew): a replayed callback, or a clock to set right"
            )
        case .conflict:
            return refuse(
                request, .conflict,
                "this nonce and timestamp came before with other content: a replayed signature (JSMS signs the nonce and timestamp, not the data)"
            )
        case .full:
            return refuse(
                request, .serviceUnavailable,
                "too many JSMS callbacks within the replay window to remember another; retry later")
        }
        let response = await commit([record], request: request)
        if response.status == .ok { replays.stored(callback) }
        return response
    }

    private func commit(_ records: [PushRecord], request: Request) async -> Response {
        do {
            let outcome = try await store.store(records)
            // A call's records share a provider and kind (a route's, or one JSMS callback's).
            if let first = records.first { metrics.stored(outcome, provider: first.provider, kind: first.kind) }
        } catch let error as PushPayloadError {
            // A record no store keeps (it holds U+0000): retrying cannot help, so 400 stops the provider's retries.
            return refuse(request, .badRequest, error.description)
        } catch {
            logger.error(
                "could not store \(records.count) record(s) from \(request.method) \(PlainText.oneLine(request.uri.path)), answered 503 so the provider retries: \(PlainText.oneLine("\(error)"))"
            )
            return PlainText.line("the records could not be stored; retry later", status: .serviceUnavailable)
        }
        return PlainText.exact("success")
    }

    private func refuse(_ request: Request, _ status: HTTPResponse.Status, _ reason: String) -> Response {
        logger.warning(
            "refused \(request.method) \(PlainText.oneLine(request.uri.path)) (\(status.code)): \(PlainText.oneLine(reason))"
        )
        return PlainText.line(reason, status: status)
    }

    private func tooLarge(_ request: Request) -> Response {
        refuse(request, .contentTooLarge, "the body is larger than \(configuration.maximumBodySize) bytes")
    }

    /// A body slower than the deadline: 408 (`LingeringClose` then closes the connection, the rest of the body
    /// unread).
    private func tooSlow(_ request: Request) -> Response {
        let deadline = configuration.bodyDeadline.components.seconds
        return refuse(request, .requestTimeout, "the body did not arrive within \(deadline) s; send it again, faster")
    }

    private func missingCredentials(_ request: Request) -> Response {
        refuse(
            request, .serviceUnavailable,
            "this receiver has no JPush app_key and master_secret to check callback signatures")
    }

    /// Whether a Content-Type names a URL-encoded form (parameters such as charset allowed).
    static func isForm(_ contentType: String) -> Bool {
        contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            == "application/x-www-form-urlencoded"
    }
}
