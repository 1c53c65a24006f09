import Foundation

/// HTTP Basic authentication, `Authorization: Basic base64(user:password)`: JPush's app (appKey, masterSecret)
/// and developer (devKey, devSecret) credentials.
public struct HTTPBasicAuthenticator: RequestAuthenticator {
    /// The user name: JPush's appKey or devKey.
    public var user: String
    /// The password: JPush's masterSecret or devSecret.
    public var password: Secret

    /// An authenticator for `user` and `password`.
    public init(user: String, password: Secret) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header value for these credentials.
    public var authorization: String {
        "Basic " + Data("\(user):\(password.exposedValue)".utf8).base64EncodedString()
    }

    /// `request` with the `Authorization: Basic` header set (replacing any in another letter case).
    public func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
        var request = request
        request.setHeader("Authorization", authorization)
        return request
    }
}
