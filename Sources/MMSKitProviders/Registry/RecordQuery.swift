/// What `mmskit records` asks for: the ids, in the user's order, and the application they belong to.
public struct RecordQuery: Sendable, Hashable {
    public var appID: String?
    public var ids: [String]

    public init(appID: String?, ids: [String]) {
        self.appID = appID
        self.ids = ids
    }
}
