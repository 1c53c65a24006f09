import Foundation

/// HTTP Basic authentication, `Authorization: Basic base64(user:password)`: JPush's app (appKey, masterSecret)
/// and developer (devKey, devSecret) credentials.
public struct HTTPBasicAuthenticator: RequestAuthenticator {
    public var user: String
    public var password: Secret

    public init(user: String, password: Secret) {
        self.user = user
        self.password = password
    }

    /// The `Authorization` header value for these credentials.
    public var authorization: String {
        "Basic " + Data("\(user):\(password.exposedValue)".utf8).base64EncodedString()
    }

    public func authenticate(_ request: HTTPRequest) async throws(TransportError) -> HTTPRequest {
        var request = request
        request.setHeader("Authorization", authorization)
        return request
    }
}
