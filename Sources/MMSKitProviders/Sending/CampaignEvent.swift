/// Progress of a campaign, for a progress bar or a log line per chunk.
public enum CampaignEvent: Sendable {
    /// A chunk the journal shows as acknowledged, skipped on resume.
    case skipped(chunk: Int, count: Int, taskID: String?)
    case sending(chunk: Int, first: Int, count: Int, attempt: Int)
    case retrying(chunk: Int, after: Duration, reason: String)
    case acknowledged(chunk: Int, receipt: DispatchReceipt)
    case failed(chunk: Int, reason: String)
}
