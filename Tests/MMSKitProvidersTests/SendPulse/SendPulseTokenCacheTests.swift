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

    @Test func aTokenRefusedWith401IsReplacedInTheCacheSoTheNextRunPaysNo401() async throws {
        let directory = try TemporaryDirectory()
        let server = try FakeSendPulseServer(expiresIn: 3600)
        defer { server.stop() }
        func run() async throws {
            let store = FileOAuth2TokenStore(
                directory: directory.path, provider: "sendpulse", tokenURL: server.baseURL, clientID: server.clientID)
            let client = SendPulseClient(
                baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
                clientSecret: Secret(server.clientSecret), tokenStore: store)
            _ = try await client.balance()
        }
        try await run()
        // The cached token is refused from now on, and the next one lives shorter than it would have.
        server.revokeTokens()
        server.withState { $0.tokenLifetime = 1800 }
        try await run()
        #expect(server.withState { $0.tokenRequests } == 2, "the refused token was renewed")
        let before = server.withState { $0.requests.count }
        try await run()
        #expect(server.withState { $0.tokenRequests } == 2, "the third run uses the renewed token")
        #expect(
            server.withState { Array($0.requests[before...]) } == ["GET /balance", "GET /user/balance/detail"],
            "no 401 and no renewal")
    }

    @Test func aThrottledTokenEndpointIsRetriedAndThenCalledARateLimit() async throws {
        let server = try FakeSendPulseServer()
        defer { server.stop() }
        func client() -> SendPulseClient {
            SendPulseClient(
                baseURL: server.baseURL, transport: HTTPClientTransport(), clientID: server.clientID,
                clientSecret: Secret(server.clientSecret), sleep: { _ in })
        }
        server.withState { $0.throttleTokenRequests = 2 }
        _ = try await client().balance()
        #expect(server.withState { $0.tokenRequests } == 1, "issued on the third attempt")
        server.withState { $0.throttleTokenRequests = 100 }
        do {
            _ = try await client().balance()
            Issue.record("a token endpoint that keeps answering 429 gave a token")
        } catch {
            #expect(error.description.contains("is limiting the request rate (HTTP 429"), "\(error)")
            #expect(!error.description.contains("client ID"), "\(error)")
            #expect(error.delivery == .notSent)
        }
    }
}
