import Foundation

/// A stored record waiting to be forwarded to the user's endpoint (`--forward-to`): the outbox row is written in
/// the same transaction as the record, so no stored record is ever left unforwarded.
public struct OutboxDelivery: Sendable, Hashable, Identifiable {
    /// The outbox row id: stable across retries (the `webhook-id` to de-duplicate on); a record updated by a later
    /// report gets a new delivery.
    public typealias ID = Int64

    public var id: ID
    public var push: StoredPush
    /// Attempts made so far.
    public var attempts: Int
    public var lastError: String?

    public init(id: ID, push: StoredPush, attempts: Int, lastError: String?) {
        self.id = id
        self.push = push
        self.attempts = attempts
        self.lastError = lastError
    }
}
