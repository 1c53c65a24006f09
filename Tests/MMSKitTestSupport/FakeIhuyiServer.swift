import Crypto
import Foundation
import Synchronization

/// A stand-in for the ihuyi MMS API on 127.0.0.1 that checks what the real one checks (signature, ±60 s
/// timestamp, request_id replay within the run) and can drop connections after accepting a request.
public final class FakeIhuyiServer: Sendable {
    public struct State: Sendable {
        /// request_id → task_id of every accepted batch.
        public var accepted: [String: String] = [:]
        /// How many times each phone number was accepted (a correct client makes this 1 for everyone).
        public var deliveries: [String: Int] = [:]
        /// Every request body the server read, in order.
        public var rawBodies: [Data] = []
        /// Accept the next N batchSend requests, then drop the connection without answering.
        public var dropAfterAccepting = 0
        /// Refuse the next N batchSend requests before accepting them (as a 502).
        public var failBeforeAccepting = 0
        /// Answer the next N batchSend requests with HTTP 429 (and `Retry-After: retryAfter`) without accepting them.
        public var rateLimitBeforeAccepting = 0
        public var retryAfter: String?
        public var templates = 0
        /// The balance answer's `data` as raw JSON (numbers JSONSerialization cannot write, strings for numbers).
        public var balanceData = #"[{"product_id": 1018, "product_name": "营销彩信-房产类", "balance": 188888}]"#

        public var requestCount: Int { rawBodies.count }

        /// The bodies as JSON objects.
        public var bodies: [[String: Any]] {
            rawBodies.compactMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
        }
    }

    /// The state behind a lock, shared with the server's connection threads.
    public final class Box: Sendable {
        public let mutex = Mutex(State())
    }

    public let apiID: String
    public let apiKey: String
    public let box = Box()
    private let server: LocalHTTPServer!

    /// Reads or changes the state under its lock.
    public func withState<Result>(_ body: (inout State) -> Result) -> Result {
        box.mutex.withLock { body(&$0) }
    }

    public var baseURL: URL { server.baseURL }

    public init(apiID: String = "C1234567", apiKey: String = "fake-api-key-4f1d") throws {
        self.apiID = apiID
        self.apiKey = apiKey
        let box = self.box
        server = try LocalHTTPServer { request in
            Self.handle(request, apiID: apiID, apiKey: apiKey, box: box)
        }
    }

    public func stop() { server.stop() }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func handle(
        _ request: LocalHTTPServer.Request, apiID: String, apiKey: String, box: Box
    ) -> LocalHTTPServer.Response {
        guard request.method == "POST",
            let body = (try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any]
        else {
            return LocalHTTPServer.Response(
                status: 400, body: Data("<html>bad request</html>".utf8), contentType: "text/html")
        }
        box.mutex.withLock { $0.rawBodies.append(request.body) }
        guard let id = body["api_id"] as? String, let requestID = body["request_id"] as? String,
            let timestamp = (body["timestamp"] as? NSNumber)?.intValue, let signature = body["signature"] as? String
        else {
            return .json(["code": "4001", "message": "缺少公共参数"])
        }
        if body["api_key"] != nil { return .json(["code": "4002", "message": "api_key must not be sent"]) }
        guard id == apiID,
            signature == md5("api_id=\(id)&api_key=\(apiKey)&request_id=\(requestID)&timestamp=\(timestamp)")
        else {
            return .json(["code": "405", "message": "签名错误 signature mismatch"])
        }
        guard abs(Int(Date().timeIntervalSince1970) - timestamp) <= 60 else {
            return .json(["code": "4086", "message": "timestamp参数错误: 时间戳超时"])
        }
        switch request.path {
        case "/mms/v1/balance":
            let data = box.mutex.withLock { $0.balanceData }
            return LocalHTTPServer.Response(body: Data(#"{"code": "OK", "message": "ok", "data": \#(data)}"#.utf8))
        case "/mms/v1/templateCreate":
            guard body["content"] is [Any], body["title"] is String, body["sign_name"] is String,
                body["purpose"] is String
            else {
                return .json(["code": "4003", "message": "参数错误"])
            }
            let number = box.mutex.withLock { state -> Int in
                state.templates += 1
                return 7000 + state.templates
            }
            return .json(["code": "OK", "message": "提交成功", "template_id": number])
        case "/mms/v1/batchSend":
            guard let phones = body["phone"] as? [String], !phones.isEmpty, phones.count <= 10_000,
                body["product_id"] is NSNumber
            else {
                return .json(["code": "406", "message": "手机号码格式错误"])
            }
            enum Outcome { case answer(String), drop, fail, rateLimit(String?) }
            let outcome = box.mutex.withLock { state -> Outcome in
                if state.failBeforeAccepting > 0 {
                    state.failBeforeAccepting -= 1
                    return .fail
                }
                if state.rateLimitBeforeAccepting > 0 {
                    state.rateLimitBeforeAccepting -= 1
                    return .rateLimit(state.retryAfter)
                }
                if let taskID = state.accepted[requestID] { return .answer(taskID) }
                let taskID = "T\(state.accepted.count + 1)-\(requestID.prefix(8))"
                state.accepted[requestID] = taskID
                for phone in phones { state.deliveries[phone, default: 0] += 1 }
                if state.dropAfterAccepting > 0 {
                    state.dropAfterAccepting -= 1
                    return .drop
                }
                return .answer(taskID)
            }
            switch outcome {
            case .answer(let taskID): return .json(["code": "OK", "message": "提交成功", "task_id": taskID])
            case .drop: return LocalHTTPServer.Response(dropConnection: true)
            case .fail:
                return LocalHTTPServer.Response(
                    status: 502, body: Data("<html>502 Bad Gateway</html>".utf8), contentType: "text/html")
            case .rateLimit(let retryAfter):
                return LocalHTTPServer.Response(
                    status: 429, body: Data("rate limited".utf8), contentType: "text/plain",
                    headers: retryAfter.map { ["Retry-After": $0] } ?? [:])
            }
        default:
            return LocalHTTPServer.Response(status: 404, body: Data("not found".utf8), contentType: "text/plain")
        }
    }
}
