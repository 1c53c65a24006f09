import Foundation
import MMSKit

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
    /// 1 when stored, plus one for every later report that changed the record: with `id`, what names a revision
    /// (the forwarder's `webhook-id`), never shared by two revisions however close in time.
    public var revision: Int

    public init(
        id: Int64, record: PushRecord, firstEventTime: String?, receivedAt: Date, updatedAt: Date, revision: Int = 1
    ) {
        self.revision = revision
        self.id = id
        self.record = record
        self.firstEventTime = firstEventTime
        self.receivedAt = receivedAt
        self.updatedAt = updatedAt
    }

    /// The record as one JSON object on one line with the provider's payload embedded as JSON (not as a string),
    /// keys sorted: the form of `export --format jsonl` and `list --json`. The payload's stored bytes are spliced in
    /// as they came, not parsed and encoded again (a line break between its tokens becomes a space).
    public func jsonData() -> Data {
        var object: [String: Any] = [
            "id": id, "kind": record.kind.rawValue, "provider": record.provider.rawValue,
            "natural_key": record.naturalKey, "outcome": record.outcome?.rawValue ?? NSNull(),
            "received_at": StoredPush.timestamp(receivedAt), "updated_at": StoredPush.timestamp(updatedAt),
            "revision": revision,
        ]
        object["task_id"] = record.taskID
        object["phone"] = record.phone
        object["code"] = record.code
        object["message"] = record.message
        object["template_id"] = record.templateID
        object["event_time"] = record.eventTime
        object["first_event_time"] = firstEventTime
        let splices = Self.isJSONContainer(record.payload)
        object["payload"] = splices ? Self.payloadMark : String(decoding: record.payload, as: UTF8.self)
        guard
            var data = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return Data("{}".utf8) }
        if splices, let mark = data.firstRange(of: Data("\"payload\":\"\(Self.payloadMark)\"".utf8)) {
            let payload = Data(record.payload.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 })
            data.replaceSubrange(mark, with: Data("\"payload\":".utf8) + payload)
        }
        return data
    }

    /// Stands in for the payload while the other fields are encoded (only a key can put it after `"payload":`
    /// unescaped, so it is found exactly once).
    private static let payloadMark = "mmskit-payload-splice"

    /// Whether the stored payload is a JSON object or array (the receiver stores only those; a payload that is
    /// anything else is written as a string). It starts with `{` or `[` and holds no NUL.
    static func isJSONContainer(_ payload: Data) -> Bool {
        guard let first = payload.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return (first == UInt8(ascii: "{") || first == UInt8(ascii: "[")) && !payload.contains(0)
    }

    /// A time as the read commands print it: ISO 8601 in UTC with milliseconds.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(timestampStyle)
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
