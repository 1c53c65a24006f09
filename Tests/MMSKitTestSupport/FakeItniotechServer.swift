import Crypto
import Foundation
import Synchronization

/// A stand-in for the itniotech API on 127.0.0.1 that checks what the real one checks: the three signing
/// headers (MD5 of apiKey + apiSecret + timestamp, ±300 s), the appId, and at most 200 ids per record query
/// (more is refused with -28, as the reference says). Every value it answers is a string, as itniotech's are;
/// it lists a page's records in the reverse order of the ids, so a client must put them back in order itself.
public final class FakeItniotechServer: Sendable {
    public struct Record: Sendable {
        public var toAddress: String
        public var receiveTime: String
        /// 0 sent, -1 sending, 1 failed.
        public var status: Int

        public init(toAddress: String, receiveTime: String = "", status: Int) {
            self.toAddress = toAddress
            self.receiveTime = receiveTime
            self.status = status
        }
    }

    public struct State: Sendable {
        /// email id → its records.
        public var records: [String: [Record]] = [:]
        /// The number of ids of each record query, in order.
        public var idsPerCall: [Int] = []
        /// The method and path of every request.
        public var requests: [String] = []
        /// Every header set the server read (to check what was sent, never printed by tests).
        public var headers: [[String: String]] = []
        /// Answer every call with this status (and reason) instead of the result.
        public var forcedStatus: (status: String, reason: String)?
        /// Put this value in the answer's `success` field.
        public var successValue = "computed"
        /// The `/sms/getBalance` answer, raw JSON.
        public var balanceAnswer =
            #"{"status": "0", "reason": "success", "balance": "1234.5000", "gift": "10.0000", "credit": "0"}"#
    }

    public final class Box: Sendable {
        public let mutex = Mutex(State())
    }

    public let apiKey: String
    public let apiSecret: String
    public let appID: String
    public let box = Box()
    private let server: LocalHTTPServer!

    public var baseURL: URL { server.baseURL }

    public func withState<Result>(_ body: (inout State) -> Result) -> Result {
        box.mutex.withLock { body(&$0) }
    }

    public init(
        apiKey: String = "itn-key-3b7e", apiSecret: String = "itn-SECRET-9d2f", appID: String = "app-42"
    )
        throws
    {
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.appID = appID
        let box = self.box
        server = try LocalHTTPServer { request in
            Self.handle(request, apiKey: apiKey, apiSecret: apiSecret, appID: appID, box: box)
        }
    }

    public func stop() { server.stop() }

    /// The documented recipe: lower-case MD5 hex of apiKey + apiSecret + timestamp.
    public static func sign(apiKey: String, apiSecret: String, timestamp: String) -> String {
        Insecure.MD5.hash(data: Data((apiKey + apiSecret + timestamp).utf8)).map { String(format: "%02x", $0) }
            .joined()
    }

    static func handle(
        _ request: LocalHTTPServer.Request, apiKey: String, apiSecret: String, appID: String, box: Box
    ) -> LocalHTTPServer.Response {
        let parts = request.path.split(separator: "?", maxSplits: 1).map(String.init)
        let path = parts[0]
        box.mutex.withLock {
            $0.requests.append("\(request.method) \(path)")
            $0.headers.append(request.headers)
        }
        func status(_ code: String, _ reason: String) -> LocalHTTPServer.Response {
            .json(["status": code, "reason": reason])
        }
        guard let key = request.headers["api-key"], let timestamp = request.headers["timestamp"],
            let sign = request.headers["sign"]
        else { return status("-1", "missing signature headers") }
        guard key == apiKey,
            sign.lowercased() == Self.sign(apiKey: apiKey, apiSecret: apiSecret, timestamp: timestamp),
            sign.count == 32
        else { return status("-1", "authentication error") }
        guard let time = Int(timestamp), abs(Int(Date().timeIntervalSince1970) - time) <= 300 else {
            return status(path.hasPrefix("/sms") ? "-16" : "-6", "timestamp expired")
        }
        guard request.headers["content-type"]?.lowercased() == "application/json;charset=utf-8" else {
            return status("-23", "content type")
        }
        if let forced = box.mutex.withLock({ $0.forcedStatus }) { return status(forced.status, forced.reason) }
        switch path {
        case "/sms/getBalance":
            return LocalHTTPServer.Response(body: Data(box.mutex.withLock { $0.balanceAnswer }.utf8))
        case "/email/getSendEmailRcd":
            var parameters: [String: String] = [:]
            if request.method == "GET", parts.count == 2 {
                for item in URLComponents(string: "?" + parts[1])?.queryItems ?? [] {
                    parameters[item.name] = item.value
                }
            } else if request.method == "POST" {
                parameters = ((try? JSONSerialization.jsonObject(with: request.body)) as? [String: String]) ?? [:]
            }
            guard parameters["appId"] == appID, let joined = parameters["emailId"], !joined.isEmpty else {
                return status("-5", "field empty or bad query id")
            }
            let ids = joined.split(separator: ",").map(String.init)
            box.mutex.withLock { $0.idsPerCall.append(ids.count) }
            guard ids.count <= 200 else { return status("-28", "more than 200 ids") }
            let state = box.mutex.withLock { $0 }
            var counts = [0: 0, -1: 0, 1: 0]
            var nofound = 0
            var array: [[String: String]] = []
            for id in ids.reversed() {
                guard let records = state.records[id] else {
                    nofound += 1
                    continue
                }
                for record in records {
                    counts[record.status, default: 0] += 1
                    array.append([
                        "emailId": id, "toAddress": record.toAddress, "receiveTime": record.receiveTime,
                        "status": String(record.status),
                    ])
                }
            }
            return .json([
                "status": "0", "reason": "success",
                "success": state.successValue == "computed" ? String(counts[0]!) : state.successValue,
                "fail": String(counts[1]!), "sending": String(counts[-1]!), "nofound": String(nofound), "array": array,
            ])
        default:
            return LocalHTTPServer.Response(status: 404, body: Data("not found".utf8), contentType: "text/plain")
        }
    }
}
