/// The ihuyi MMS account: `api_id` and `api_key` from the console's MMS product page.
public struct IhuyiCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The account's `api_id`: not secret, sent with every request.
    public var apiID: String
    /// The account's `api_key`: signs every request, never sent itself.
    public var apiKey: Secret

    /// The account `apiID` with its key.
    public init(apiID: String, apiKey: Secret) {
        self.apiID = apiID
        self.apiKey = apiKey
    }

    /// The `api_id` only, never the key.
    public var description: String { "ihuyi api_id \(apiID)" }
}
