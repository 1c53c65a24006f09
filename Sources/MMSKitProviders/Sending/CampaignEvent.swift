/// Progress of a campaign, for a progress bar or a log line per chunk.
public enum CampaignEvent: Sendable {
    /// A chunk the journal shows as acknowledged, skipped on resume.
    case skipped(chunk: Int, count: Int, taskID: String?)
    /// A chunk, recorded as pending, is being sent: `count` recipients from position `first`, try `attempt`.
    case sending(chunk: Int, first: Int, count: Int, attempt: Int)
    /// A chunk will be tried again after the wait given, because of `reason`.
    case retrying(chunk: Int, after: Duration, reason: String)
    /// The provider accepted a chunk, and the journal recorded it.
    case acknowledged(chunk: Int, receipt: DispatchReceipt)
    /// A chunk failed or its outcome is unknown; the run stops.
    case failed(chunk: Int, reason: String)
}
