/// A provider that reports what became of messages it was given (`mmskit records`): any number of ids, cut
/// into calls of the size the provider allows, answered as one merged report.
public protocol RecordQuerying: Provider {
    /// Whether a query needs an application id (`--app-id`): checked before anything is sent.
    static var recordsNeedAppID: Bool { get }
    /// The records of `query.ids`, in their order, with the ids the provider did not find.
    /// - Throws: a `ProviderFailure`.
    func records(_ query: RecordQuery) async throws -> RecordReport
}
