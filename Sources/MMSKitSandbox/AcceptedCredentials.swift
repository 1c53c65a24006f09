import MMSKit
import MMSKitProviders

/// The credentials the sandbox accepts from clients; not credentials for a real provider account.
///
/// The standard ones are documented in <doc:TryingItOffline> (they protect nothing: the sandbox only listens where
/// you tell it to), so a `sandbox` profile in credentials.yml works out of the box.
public struct AcceptedCredentials: Sendable {
    /// The ihuyi account the sandbox accepts.
    public var ihuyi: IhuyiCredentials
    /// The JPush app the sandbox accepts (and signs its callbacks with).
    public var jpush: JPushCredentials
    /// The JPush developer account the sandbox accepts.
    public var jpushDeveloper: JPushDeveloperCredentials
    /// The itniotech key pair and app the sandbox accepts.
    public var itniotech: Itniotech
    /// The SendPulse client the sandbox issues tokens to.
    public var sendPulse: SendPulse

    /// An itniotech key pair and the app whose records exist.
    public struct Itniotech: Sendable {
        /// The `Api-Key` accepted.
        public var apiKey: String
        /// The secret the `Sign` header must be made with.
        public var apiSecret: Secret
        /// The only appId whose records exist.
        public var appID: String
        /// The account `apiKey` with its secret and app.
        public init(apiKey: String, apiSecret: Secret, appID: String) {
            self.apiKey = apiKey
            self.apiSecret = apiSecret
            self.appID = appID
        }
    }

    /// A SendPulse REST API client id and secret.
    public struct SendPulse: Sendable {
        /// The client id accepted at the token endpoint.
        public var clientID: String
        /// The client secret accepted at the token endpoint.
        public var clientSecret: Secret
        /// The client `clientID` with its secret.
        public init(clientID: String, clientSecret: Secret) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
    }

    /// Accounts with the given credentials; itniotech and SendPulse default to the standard ones.
    public init(
        ihuyi: IhuyiCredentials, jpush: JPushCredentials, jpushDeveloper: JPushDeveloperCredentials,
        itniotech: Itniotech = AcceptedCredentials.standardItniotech,
        sendPulse: SendPulse = AcceptedCredentials.standardSendPulse
    ) {
        self.ihuyi = ihuyi
        self.jpush = jpush
        self.jpushDeveloper = jpushDeveloper
        self.itniotech = itniotech
        self.sendPulse = sendPulse
    }

    /// `sandbox-itn-key` / `sandbox-itn-secret`, app `sandbox-app`.
    public static let standardItniotech = Itniotech(
        apiKey: "sandbox-itn-key", apiSecret: Secret("sandbox-itn-secret"), appID: "sandbox-app")
    /// `sandbox-client` / `sandbox-client-secret`.
    public static let standardSendPulse = SendPulse(
        clientID: "sandbox-client", clientSecret: Secret("sandbox-client-secret"))

    /// The fixed sandbox credentials every provider accepts by default (`sandbox-api-key`, `sandbox-app-key`, …).
    public static let standard = AcceptedCredentials(
        ihuyi: IhuyiCredentials(apiID: "sandbox", apiKey: Secret("sandbox-api-key")),
        jpush: JPushCredentials(appKey: "sandbox-app-key", masterSecret: Secret("sandbox-master-secret")),
        jpushDeveloper: JPushDeveloperCredentials(devKey: "sandbox-dev-key", devSecret: Secret("sandbox-dev-secret")))
}
