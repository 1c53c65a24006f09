import Foundation
import MMSKit

/// Which stored records to read: every field is a filter, nil means any. Records come in arrival order.
public struct PushQuery: Sendable, Hashable {
    public var kind: PushKind?
    /// Only records this provider pushed.
    public var provider: ProviderID?
    public var taskID: String?
    public var phone: String?
    /// Only records received at or after this time.
    public var since: Date?
    /// At most this many records in all.
    public var limit: Int?

    public init(
        kind: PushKind? = nil, provider: ProviderID? = nil, taskID: String? = nil, phone: String? = nil,
        since: Date? = nil, limit: Int? = nil
    ) {
        self.kind = kind
        self.provider = provider
        self.taskID = taskID
        self.phone = phone
        self.since = since
        self.limit = limit
    }

    /// Reads a `--since` value: ISO 8601 with a zone (`2025-05-01T10:00:00+08:00`, `…Z`), or China time as the
    /// providers write it (`2025-05-01 10:00:00`, `2025-05-01`).
    public static func time(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: trimmed) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: trimmed) { return date }
        if let date = ChinaTime.parse(trimmed) { return date }
        if trimmed.count == 10, let date = ChinaTime.parse(trimmed + " 00:00:00") { return date }
        return nil
    }
}
