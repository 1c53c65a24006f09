import Foundation

/// How `export` writes records: CSV (RFC 4180, a header line, the payload as a JSON text column) or JSON lines
/// (one `StoredPush.jsonData()` object a line).
public enum PushExportFormat: String, Sendable, CaseIterable {
    case csv
    case jsonl

    /// The first line, if the format has one.
    public var header: String? {
        switch self {
        case .csv: Self.columns.joined(separator: ",") + "\r\n"
        case .jsonl: nil
        }
    }

    /// One record, with its line ending.
    public func line(_ push: StoredPush) -> String {
        switch self {
        case .jsonl:
            return String(decoding: push.jsonData(), as: UTF8.self) + "\n"
        case .csv:
            let record = push.record
            let fields: [String?] = [
                String(push.id), record.kind.rawValue, record.provider.rawValue, record.taskID, record.phone,
                record.code, record.outcome?.rawValue, record.message,
                record.templateID.map(String.init), record.eventTime, push.firstEventTime,
                StoredPush.timestamp(push.receivedAt),
                StoredPush.timestamp(push.updatedAt), String(decoding: record.payload, as: UTF8.self),
            ]
            return fields.map { Self.quoted($0 ?? "") }.joined(separator: ",") + "\r\n"
        }
    }

    static let columns = [
        "id", "kind", "provider", "task_id", "phone", "code", "outcome", "message", "template_id", "event_time",
        "first_event_time",
        "received_at", "updated_at", "payload",
    ]

    /// A CSV field, quoted when it holds a comma, a quote or a line break. U+0000 (NUL), which many CSV readers
    /// take for the end of the text, is written visibly as `\u{0}` (`DisplayText`'s form; a store written before
    /// the stores refused NUL may hold one).
    /// - Parameter field: the text of one field.
    public static func quoted(_ field: String) -> String {
        let field = field.utf8.contains(0) ? field.replacing("\u{0}", with: "\\u{0}") : field
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
