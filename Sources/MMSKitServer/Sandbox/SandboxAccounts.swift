import MMSKitProviders

/// The credentials the sandbox accepts. The standard ones are documented in the README (they protect nothing:
/// the sandbox only listens where you tell it to), so a `sandbox` profile in credentials.yml works out of the box.
public struct SandboxAccounts: Sendable {
    public var ihuyi: IhuyiCredentials
    public var jpush: JPushCredentials
    public var jpushDeveloper: JPushDeveloperCredentials

    public init(ihuyi: IhuyiCredentials, jpush: JPushCredentials, jpushDeveloper: JPushDeveloperCredentials) {
        self.ihuyi = ihuyi
        self.jpush = jpush
        self.jpushDeveloper = jpushDeveloper
    }

    public static let standard = SandboxAccounts(
        ihuyi: IhuyiCredentials(apiID: "sandbox", apiKey: Secret("sandbox-api-key")),
        jpush: JPushCredentials(appKey: "sandbox-app-key", masterSecret: Secret("sandbox-master-secret")),
        jpushDeveloper: JPushDeveloperCredentials(devKey: "sandbox-dev-key", devSecret: Secret("sandbox-dev-secret")))
}
