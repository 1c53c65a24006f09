/// The ihuyi MMS account: `api_id` and `api_key` from the console's MMS product page.
public struct IhuyiCredentials: Sendable, Hashable, CustomStringConvertible {
    public var apiID: String
    public var apiKey: Secret

    public init(apiID: String, apiKey: Secret) {
        self.apiID = apiID
        self.apiKey = apiKey
    }

    public var description: String { "ihuyi api_id \(apiID)" }
}
