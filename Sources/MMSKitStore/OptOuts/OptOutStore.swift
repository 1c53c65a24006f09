import Foundation
import MMSKit

/// The suppression list kept in the store beside the pushes (SQLite or PostgreSQL, the same file or database
/// `receipts serve` writes): a reply that is an opt-out keyword is added by the receiver in the transaction that
/// stores the reply; `mmskit optout` adds, removes, imports and exports the rest; `mmskit send` asks it before
/// any request leaves.
public protocol OptOutStore: SuppressionList {
    /// Adds `entries` (phones in `OptOut.phoneKey(_:)` form) in one transaction; a number already on the list
    /// keeps its first entry.
    /// - Returns: how many were new.
    func addOptOuts(_ entries: [OptOut]) async throws -> Int

    /// Takes `phones` off the list in one transaction.
    /// - Returns: how many were on it.
    func removeOptOuts(phones: [String]) async throws -> Int

    /// One page of the list in phone order, after `phone` (nil: from the start).
    func optOuts(after phone: String?, limit: Int) async throws -> [OptOut]

    /// How many numbers are on the list.
    func optOutCount() async throws -> Int
}

extension OptOutStore {
    /// Every entry in phone order, a page at a time, so that a list of millions is never held in memory.
    public func allOptOuts(pageSize: Int = 1000) -> AsyncThrowingStream<OptOut, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    var after: String?
                    while true {
                        let page = try await optOuts(after: after, limit: pageSize)
                        for entry in page { continuation.yield(entry) }
                        guard page.count == pageSize, let last = page.last else { break }
                        after = last.phone
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// What storing a reply does to the suppression list, decided by the keywords the store was opened with.
enum ReplyOptOut {
    case add(OptOut)
    case remove(phone: String)

    /// The change a newly stored reply makes; nil for a record that is not a reply, names no phone, or is not a
    /// keyword.
    init?(_ record: PushRecord, keywords: OptOutKeywords, time: Date) {
        guard record.kind == .reply, let phone = record.phone, let content = record.message else { return nil }
        switch keywords.match(content) {
        case .optOut(let keyword)?:
            self = .add(
                OptOut(
                    phone: OptOut.phoneKey(phone), source: .reply, provider: record.provider, keyword: keyword,
                    taskID: record.taskID, time: time))
        case .optIn?:
            self = .remove(phone: OptOut.phoneKey(phone))
        case nil:
            return nil
        }
    }
}
