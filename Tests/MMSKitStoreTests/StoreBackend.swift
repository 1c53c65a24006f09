import Foundation
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore
import MMSKitTestSupport
import Testing

/// The stores the behavioural tests run against: a SQLite file in a fresh directory, and a fresh database on the
/// test PostgreSQL server.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty store, or nil (with the reason printed) when PostgreSQL is unavailable outside CI.
    func open(forwarding: Bool = false, keywords: OptOutKeywords = OptOutKeywords()) async throws -> OpenStore? {
        switch self {
        case .sqlite:
            let directory = try TemporaryDirectory("mmskit-store")
            let store = try SQLitePushStore(
                path: directory.appending("receipts.sqlite"), forwarding: forwarding, keywords: keywords)
            return OpenStore(
                store: store, directory: directory, location: .sqlite(path: directory.appending("receipts.sqlite")))
        case .postgres:
            guard let location = try await PostgresTestServer.freshDatabase() else { return nil }
            let store = try await PostgresPushStore(
                location: location, forwarding: forwarding, logger: Logger(label: "test"), keywords: keywords)
            return OpenStore(store: store, directory: nil, location: .postgres(location))
        }
    }
}

/// A store under test and what keeps its files alive.
struct OpenStore: Sendable {
    var store: any PushStore & OptOutStore
    var directory: TemporaryDirectory?
    var location: StoreLocation
}

/// Records as the parsers make them.
enum Pushes {
    static func receipt(
        task: String, phone: String, code: String = "DELIVERED", time: String = "2025-05-01 10:00:00"
    ) -> PushRecord {
        let body =
            #"{"task_id":"\#(task)","phone":"\#(phone)","code":"\#(code)","message":"m \#(code)","report_time":"\#(time)"}"#
        return try! IhuyiPushParser.records(from: Data(body.utf8), kind: .deliveryReceipt)[0]
    }

    static func uplink(phone: String, content: String, task: String? = nil) -> PushRecord {
        let taskField = task.map { #","task_id":"\#($0)""# } ?? ""
        let body = #"{"phone":"\#(phone)","content":"\#(content)","receive_time":"2025-05-01 11:00:00"\#(taskField)}"#
        return try! IhuyiPushParser.records(from: Data(body.utf8), kind: .reply)[0]
    }

    static func review(template: Int, code: String, message: String) -> PushRecord {
        let body = #"{"template_id":\#(template),"code":"\#(code)","message":"\#(message)"}"#
        return try! IhuyiPushParser.records(from: Data(body.utf8), kind: .templateReview)[0]
    }

    /// A JSMS SMS_REPORT record, as JPushCallbackParser makes it from a callback (its signature not checked).
    static func jsmsReport(msgID: String, status: String, phone: String = "13800000000") -> PushRecord {
        let data = #"{"msgId":"\#(msgID)","status":\#(status),"phone":"\#(phone)","receiveTime":1700000000}"#
        return try! JPushCallbackParser.record(
            from: JPushCallback(nonce: "1", timestamp: "1700000000000", type: .report, data: data, signature: ""))
    }
}
