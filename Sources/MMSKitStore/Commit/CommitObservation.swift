/// One transaction the group committer completed: how many records and `store` calls it held, and how long the
/// commit took (fsync included). For metrics; the store calls its observer after each successful commit.
public struct CommitObservation: Sendable, Hashable {
    /// Records written in the transaction.
    public var records: Int
    /// `store` calls whose records the transaction held (group commit: many calls, one fsync).
    public var calls: Int
    /// From the start of the transaction to its commit.
    public var duration: Duration

    public init(records: Int, calls: Int, duration: Duration) {
        self.records = records
        self.calls = calls
        self.duration = duration
    }
}
