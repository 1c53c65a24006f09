import Foundation
import MMSKitProviders

/// A record as the store holds it: the pushed record, its row id (arrival order), when it was received and last
/// changed, and the first report time of a receipt that a later report with another code updated.
public struct StoredPush: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var record: PushRecord
    /// The report time of the first receipt for this task and phone (equal to `record.eventTime` until a later
    /// report with another code updates the record).
    public var firstEventTime: String?
    public var receivedAt: Date
    public var updatedAt: Date

    public init(id: Int64, record: PushRecord, firstEventTime: String?, receivedAt: Date, updatedAt: Date) {
        self.id = id
        self.record = record
        self.firstEventTime = firstEventTime
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }

    /// The record as one JSON object with the provider's payload embedded as JSON (not as a string), keys sorted:
    /// the form of `export --format jsonl` and `list --json`.
    public func jsonData() -> Data {
        var object: [String: Any] = [
            "id": id, "kind": record.kind.rawValue, "provider": record.provider, "natural_key": record.naturalKey,
            "received_at": StoredPush.timestamp(receivedAt), "updated_at": StoredPush.timestamp(updatedAt),
        ]
        object["task_id"] = record.taskID
        object["phone"] = record.phone
        object["code"] = record.code
        object["message"] = record.message
        object["template_id"] = record.templateID
        object["event_time"] = record.eventTime
        object["first_event_time"] = firstEventTime
        object["payload"] = (try? JSONSerialization.jsonObject(with: record.payload, options: [.fragmentsAllowed]))
            ?? String(decoding: record.payload, as: UTF8.self)
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    /// A time as the read commands print it: ISO 8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(timestampStyle)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
