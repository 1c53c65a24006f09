/// What a campaign run did.
public struct CampaignSummary: Sendable, Codable, Equatable {
    /// Chunks the run reached, whether sent, skipped or failed.
    public var chunks: Int
    /// Chunks sent (or found acknowledged) in this run.
    public var acknowledgedChunks: Int
    /// Chunks a resumed run found acknowledged in the journal and did not send again.
    public var skippedChunks: Int
    /// Numbers the provider accepted, skipped chunks included.
    public var accepted: Int
    /// Numbers the provider refused in this run, with its reasons.
    public var rejected: [RejectedRecipient]
    /// Numbers whose outcome the provider's answer left out: delivery to them is unknown.
    public var unaccounted = 0
    /// Numbers left out because they are on the suppression list (opted out), skipped chunks included.
    public var suppressed = 0
    /// The provider's ids of the acknowledged batches, skipped chunks included, in chunk order.
    public var taskIDs: [String]
    /// The chunk that stopped the run, when one did.
    public var failedChunk: Int?
    /// Why the run stopped, for the user; `nil` when it did not.
    public var failure: String?

    /// Whether every chunk of the list was acknowledged (no chunk stopped the run).
    public var succeeded: Bool { failedChunk == nil }

    /// snake_case, as every `--json` output of mmskit.
    enum CodingKeys: String, CodingKey {
        case chunks
        case acknowledgedChunks = "acknowledged_chunks"
        case skippedChunks = "skipped_chunks"
        case accepted, rejected, unaccounted, suppressed
        case taskIDs = "task_ids"
        case failedChunk = "failed_chunk"
        case failure
    }
}
