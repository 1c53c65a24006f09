import Foundation
import MMSKit

/// Puts on the suppression list the numbers whose stored replies are opt-out keywords: for replies stored before
/// the store kept a list (migration v3), or before the keywords changed. The receiver does the same for every
/// reply as it stores it.
public enum ReplyScan {
    /// What a scan did.
    public struct Outcome: Sendable, Equatable {
        /// Replies read.
        public var replies: Int
        /// Numbers whose latest keyword reply is an opt-out.
        public var optedOut: Int
        /// Of those, the numbers put on the list (the others were on it already and are kept as they were).
        public var added: Int
        /// Numbers taken off the list because their latest keyword reply is an opt-in keyword.
        public var removed: Int

        /// An outcome with every count given.
        public init(replies: Int, optedOut: Int, added: Int, removed: Int) {
            self.replies = replies
            self.optedOut = optedOut
            self.added = added
            self.removed = removed
        }
    }

    /// Reads every stored reply (received at or after `since`, when given) in arrival order; each number's latest
    /// reply that is a keyword decides: an opt-out keyword adds it (with the reply's provider, keyword, task and
    /// time of arrival, source `reply`), an opt-in keyword removes it. Running it again changes nothing.
    /// - Parameters:
    ///   - store: the store holding the replies and the list.
    ///   - keywords: the keywords in force.
    ///   - since: only replies received at or after this time.
    ///   - batchSize: entries added per transaction.
    public static func run(
        in store: any PushStore & OptOutStore, keywords: OptOutKeywords, since: Date? = nil, batchSize: Int = 10_000
    ) async throws -> Outcome {
        var latest: [String: ReplyOptOut] = [:]
        var replies = 0
        for try await push in store.records(matching: PushQuery(kind: .reply, since: since), pageSize: 5_000) {
            replies += 1
            guard let change = ReplyOptOut(push.record, keywords: keywords, time: push.receivedAt) else { continue }
            switch change {
            case .add(let entry): latest[entry.phone] = change
            case .remove(let phone): latest[phone] = change
            }
        }
        var additions: [OptOut] = []
        var removals: [String] = []
        for change in latest.values {
            switch change {
            case .add(let entry): additions.append(entry)
            case .remove(let phone): removals.append(phone)
            }
        }
        additions.sort { $0.phone < $1.phone }
        var added = 0
        for start in stride(from: 0, to: additions.count, by: max(1, batchSize)) {
            added += try await store.addOptOuts(Array(additions[start..<min(additions.count, start + batchSize)]))
        }
        let removed = removals.isEmpty ? 0 : try await store.removeOptOuts(phones: removals.sorted())
        return Outcome(replies: replies, optedOut: additions.count, added: added, removed: removed)
    }
}
