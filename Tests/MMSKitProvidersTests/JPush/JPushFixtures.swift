import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

/// Credentials, clients and body readers shared by the JPush tests.
enum JPushFixtures {
    static let appKey = "7d431e42dfa6a6d693ac2d04"
    static let masterSecret = "MASTER-s3cret-5e987ac6d2e04d95a9d8f0d1"
    static let devKey = "dev-4f1c2b"
    static let devSecret = "DEV-s3cret-9a8b7c6d5e4f"
    static let baseURL = URL(string: "https://jsms.test.invalid")!

    static let app = JPushCredentials(appKey: appKey, masterSecret: Secret(masterSecret))
    static let developer = JPushDeveloperCredentials(devKey: devKey, devSecret: Secret(devSecret))

    static func client(
        _ transport: RecordingTransport,
        app: JPushCredentials? = app,
        developer: JPushDeveloperCredentials? = developer
    ) -> JPushClient {
        JPushClient(baseURL: baseURL, transport: transport, app: app, developer: developer)
    }

    /// The documented recipe: `Basic ` + base64 of `key:secret`.
    static func basic(_ key: String, _ secret: String) -> String {
        "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString()
    }

    /// The JSON object a request carried.
    static func jsonBody(_ request: HTTPRequest?) throws -> [String: Any] {
        let data = try #require(request?.body)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// A JSMS error body.
    static func errorBody(code: Int, message: String) -> String {
        #"{"error":{"code":\#(code),"message":"\#(message)"}}"#
    }
}
