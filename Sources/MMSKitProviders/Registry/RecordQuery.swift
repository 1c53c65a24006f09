/// What `mmskit records` asks for: the ids, in the user's order, and the application they belong to.
public struct RecordQuery: Sendable, Hashable {
    /// The application the ids belong to (`--app-id`); `nil` where the provider's records need none.
    public var appID: String?
    /// The record ids to look up, as the user gave them.
    public var ids: [String]

    /// A query for `ids` of application `appID`.
    public init(appID: String?, ids: [String]) {
        self.appID = appID
        self.ids = ids
    }
}
