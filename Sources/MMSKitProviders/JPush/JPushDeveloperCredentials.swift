/// A JPush developer account's credentials (console, personal info page): used only for the account balance.
public struct JPushDeveloperCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable holding the developer key.
    public static let devKeyVariable = "MMSKIT_JPUSH_DEV_KEY"
    /// The environment variable holding the developer API secret.
    public static let devSecretVariable = "MMSKIT_JPUSH_DEV_SECRET"

    /// The developer key: an identifier, safe to show.
    public var devKey: String
    /// The developer API secret: never shown.
    public var devSecret: Secret

    /// The credentials of developer account `devKey`.
    public init(devKey: String, devSecret: Secret) {
        self.devKey = devKey
        self.devSecret = devSecret
    }

    /// The developer key, with the secret redacted.
    public var description: String { "JPushDeveloperCredentials(devKey: \(devKey), devSecret: \(devSecret))" }
}
