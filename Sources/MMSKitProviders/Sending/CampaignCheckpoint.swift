/// A step of a campaign run between "recorded as about to send" and "recorded as answered": where a crash
/// leaves the journal in a state a resume must handle. `CampaignRunner.checkpoint` is called at each.
public enum CampaignCheckpoint: Sendable, Equatable, CustomStringConvertible {
    /// A chunk's new state is in the journal, fsynced (`pending`: before its request leaves).
    case recorded(chunk: Int, state: SendJournal.ChunkState)
    /// The provider answered a chunk's request (or it failed), before the answer is recorded.
    case answered(chunk: Int)

    /// The chunk, counted from 0 as in the journal.
    public var chunk: Int {
        switch self {
        case .recorded(let chunk, _), .answered(let chunk): chunk
        }
    }

    /// `pending`, `answered`, `acknowledged`, `failed` or `unknown`: the step's name in `MMSKIT_FAILPOINT`.
    public var step: String {
        switch self {
        case .recorded(_, let state): state.rawValue
        case .answered: "answered"
        }
    }

    /// `step:chunk` with the chunk counted from 1, the form `MMSKIT_FAILPOINT` names a checkpoint in.
    public var description: String { "\(step):\(chunk + 1)" }
}
