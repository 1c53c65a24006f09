import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SendPulse with the file token cache: private, free of the client secret, and used by a later run.
@Suite struct SendPulseTokenCacheTests {
    @Test func theCacheIsPrivateAndHoldsNoClientSecret() async throws {
        let directory = try TemporaryDirectory()
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        let cache = directory.appending("cache/mmskit")
        let store = FileOAuth2TokenStore(
            directory: cache, provider: "sendpulse", tokenURL: server.baseURL, clientID: server.clientID)
        let client = SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret(server.clientSecret), tokenStore: store)
        _ = try await client.balance()
        var status = stat()
        #expect(stat(store.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(stat(cache, &status) == 0)
        #expect(status.st_mode & 0o077 == 0)
        #expect(!store.path.contains(server.clientSecret))
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) {
            let text = String(
                decoding: FileManager.default.contents(atPath: "\(cache)/\(name)") ?? Data(), as: UTF8.self)
            #expect(!text.contains(server.clientSecret), "\(name) holds the client secret")
        }
        // A second client (a later run) uses the cached token.
        let later = SendPulseClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
            clientSecret: Secret(server.clientSecret),
            tokenStore: FileOAuth2TokenStore(
                directory: cache, provider: "sendpulse", tokenURL: server.baseURL, clientID: server.clientID))
        _ = try await later.balance()
        #expect(server.withState { $0.tokenRequests } == 1)
    }
}
