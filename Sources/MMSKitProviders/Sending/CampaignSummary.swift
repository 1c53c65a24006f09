/// What a campaign run did.
public struct CampaignSummary: Sendable, Codable, Equatable {
    public var chunks: Int
    /// Chunks sent (or found acknowledged) in this run.
    public var acknowledgedChunks: Int
    public var skippedChunks: Int
    public var accepted: Int
    public var rejected: [RejectedRecipient]
    /// Numbers whose outcome the provider's answer left out: delivery to them is unknown.
    public var unaccounted = 0
    public var taskIDs: [String]
    /// The chunk that stopped the run, when one did.
    public var failedChunk: Int?
    public var failure: String?

    public var succeeded: Bool { failedChunk == nil }

    /// snake_case, as every `--json` output of mmskit.
    enum CodingKeys: String, CodingKey {
        case chunks
        case acknowledgedChunks = "acknowledged_chunks"
        case skippedChunks = "skipped_chunks"
        case accepted, rejected, unaccounted
        case taskIDs = "task_ids"
        case failedChunk = "failed_chunk"
        case failure
    }
}
