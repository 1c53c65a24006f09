import Foundation
import MMSKit

/// The columns of a `pushes` row in the order both stores select them, and the filters of a `PushQuery` in SQL
/// with the store's placeholder style (`?` for SQLite, `$n` for PostgreSQL).
enum PushColumns {
    static let names = [
        "id", "kind", "provider", "natural_key", "task_id", "phone", "code", "outcome", "message", "template_id",
        "event_time", "first_event_time", "payload", "received_at", "updated_at", "revision",
    ]

    /// The column list, each qualified with `table.` when given.
    static func list(_ table: String? = nil) -> String {
        names.map { name in table.map { "\($0).\(name)" } ?? name }.joined(separator: ", ")
    }

    /// One filter of a query: a SQL condition with one placeholder, and the value it compares with.
    enum Value {
        case text(String)
        case date(Date)
        case id(Int64)
    }

    /// The conditions (joined by AND) and their values for `query` after row `after`; `placeholder(n)` gives
    /// the n-th (1-based) parameter's placeholder.
    static func filters(
        _ query: PushQuery, after: Int64?, placeholder: (Int) -> String
    ) -> (sql: String, values: [Value]) {
        var conditions: [String] = []
        var values: [Value] = []
        func add(_ column: String, _ comparison: String, _ value: Value) {
            values.append(value)
            conditions.append("\(column) \(comparison) \(placeholder(values.count))")
        }
        if let kind = query.kind { add("kind", "=", .text(kind.rawValue)) }
        if let provider = query.provider { add("provider", "=", .text(provider.rawValue)) }
        if let task = query.taskID { add("task_id", "=", .text(task)) }
        if let phone = query.phone { add("phone", "=", .text(phone)) }
        if let since = query.since { add("received_at", ">=", .date(since)) }
        if let after { add("id", ">", .id(after)) }
        return (conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND "), values)
    }

    /// A record from its stored fields.
    static func push(
        id: Int64, kind: String, provider: String, naturalKey: String, taskID: String?, phone: String?, code: String?,
        outcome: String?, message: String?, templateID: Int?, eventTime: String?, firstEventTime: String?,
        payload: String,
        receivedAt: Date, updatedAt: Date, revision: Int
    ) throws -> StoredPush {
        try push(
            id: id, kind: kind, provider: provider, naturalKey: naturalKey, taskID: taskID, phone: phone, code: code,
            outcome: outcome, message: message, templateID: templateID, eventTime: eventTime,
            firstEventTime: firstEventTime, payload: Data(payload.utf8), receivedAt: receivedAt, updatedAt: updatedAt,
            revision: revision)
    }

    /// A stored push from its columns, the payload as its bytes.
    static func push(
        id: Int64, kind: String, provider: String, naturalKey: String, taskID: String?, phone: String?, code: String?,
        outcome: String?, message: String?, templateID: Int?, eventTime: String?, firstEventTime: String?,
        payload: Data, receivedAt: Date, updatedAt: Date, revision: Int
    ) throws -> StoredPush {
        guard let pushKind = PushKind(rawValue: kind) else {
            throw StoreError("row \(id) has the kind '\(kind)', which this version of mmskit does not know")
        }
        let record = PushRecord(
            kind: pushKind, provider: ProviderID(provider), naturalKey: naturalKey, taskID: taskID, phone: phone,
            code: code, outcome: outcome.flatMap(PushOutcome.init(rawValue:)), message: message,
            templateID: templateID, eventTime: eventTime, payload: payload)
        return StoredPush(
            id: id, record: record, firstEventTime: firstEventTime, receivedAt: receivedAt, updatedAt: updatedAt,
            revision: revision)
    }
}
