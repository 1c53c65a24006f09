import MMSKitProviders

/// The credentials the sandbox accepts. The standard ones are documented in <doc:Sandbox> (they protect nothing:
/// the sandbox only listens where you tell it to), so a `sandbox` profile in credentials.yml works out of the box.
public struct SandboxAccounts: Sendable {
    public var ihuyi: IhuyiCredentials
    public var jpush: JPushCredentials
    public var jpushDeveloper: JPushDeveloperCredentials
    public var itniotech: Itniotech
    public var sendPulse: SendPulse

    public struct Itniotech: Sendable {
        public var apiKey: String
        public var apiSecret: Secret
        /// The only appId whose records exist.
        public var appID: String
        public init(apiKey: String, apiSecret: Secret, appID: String) {
            self.apiKey = apiKey
            self.apiSecret = apiSecret
            self.appID = appID
        }
    }

    public struct SendPulse: Sendable {
        public var clientID: String
        public var clientSecret: Secret
        public init(clientID: String, clientSecret: Secret) {
            self.clientID = clientID
            self.clientSecret = clientSecret
        }
    }

    public init(
        ihuyi: IhuyiCredentials, jpush: JPushCredentials, jpushDeveloper: JPushDeveloperCredentials,
        itniotech: Itniotech = SandboxAccounts.standardItniotech,
        sendPulse: SendPulse = SandboxAccounts.standardSendPulse
    ) {
        self.ihuyi = ihuyi
        self.jpush = jpush
        self.jpushDeveloper = jpushDeveloper
        self.itniotech = itniotech
        self.sendPulse = sendPulse
    }

    public static let standardItniotech = Itniotech(
        apiKey: "sandbox-itn-key", apiSecret: Secret("sandbox-itn-secret"), appID: "sandbox-app")
    public static let standardSendPulse = SendPulse(
        clientID: "sandbox-client", clientSecret: Secret("sandbox-client-secret"))

    public static let standard = SandboxAccounts(
        ihuyi: IhuyiCredentials(apiID: "sandbox", apiKey: Secret("sandbox-api-key")),
        jpush: JPushCredentials(appKey: "sandbox-app-key", masterSecret: Secret("sandbox-master-secret")),
        jpushDeveloper: JPushDeveloperCredentials(devKey: "sandbox-dev-key", devSecret: Secret("sandbox-dev-secret")))
}
