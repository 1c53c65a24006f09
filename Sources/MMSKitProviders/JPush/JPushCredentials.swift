/// A JPush app's JSMS credentials (app settings page): they authenticate every call except the account balance.
public struct JPushCredentials: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable holding the app key.
    public static let appKeyVariable = "MMSKIT_JPUSH_APP_KEY"
    /// The environment variable holding the master secret.
    public static let masterSecretVariable = "MMSKIT_JPUSH_MASTER_SECRET"

    /// The app key: an identifier, safe to show.
    public var appKey: String
    /// The app's master secret: never shown.
    public var masterSecret: Secret

    /// The credentials of app `appKey`.
    public init(appKey: String, masterSecret: Secret) {
        self.appKey = appKey
        self.masterSecret = masterSecret
    }

    /// The app key, with the secret redacted.
    public var description: String { "JPushCredentials(appKey: \(appKey), masterSecret: \(masterSecret))" }
}
