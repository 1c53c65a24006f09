/// What a record says happened, decided once, by the provider's parser, from the provider's own code: stored
/// beside the code, so that statistics and reports count outcomes and never compare a provider's code or a
/// human-readable text. Replies have none.
public enum PushOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// A delivery receipt: the message reached the handset.
    case delivered
    /// A delivery receipt: the message did not reach the handset (the code says why).
    case failed
    /// A review: the template or sign was approved and can be used.
    case approved
    /// A review: the template or sign was rejected (the message says why).
    case rejected
    /// A review: still under review (JSMS status 0).
    case inReview = "in_review"
}
