import Foundation

/// Values given on the command line; they win over the file and the environment.
public struct CredentialOverrides: Sendable {
    public var ihuyiAPIID: String?
    public var ihuyiAPIKey: Secret?
    public var jpushAppKey: String?
    public var jpushMasterSecret: Secret?
    public var jpushDevKey: String?
    public var jpushDevSecret: Secret?
    /// `--base-url`, for whichever provider the command talks to.
    public var baseURL: URL?

    public init(
        ihuyiAPIID: String? = nil, ihuyiAPIKey: Secret? = nil, jpushAppKey: String? = nil, jpushMasterSecret: Secret? = nil,
        jpushDevKey: String? = nil, jpushDevSecret: Secret? = nil, baseURL: URL? = nil
    ) {
        self.ihuyiAPIID = ihuyiAPIID
        self.ihuyiAPIKey = ihuyiAPIKey
        self.jpushAppKey = jpushAppKey
        self.jpushMasterSecret = jpushMasterSecret
        self.jpushDevKey = jpushDevKey
        self.jpushDevSecret = jpushDevSecret
        self.baseURL = baseURL
    }
}
