import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct FileOAuth2TokenStoreTests {
    static func token(_ name: String, expiresIn seconds: TimeInterval, from start: Date = Date()) -> OAuth2Token {
        OAuth2Token(accessToken: Secret(name), issuedAt: start, expiresAt: start.addingTimeInterval(seconds))
    }

    @Test func theDefaultDirectoryFollowsXDG() {
        #expect(
            FileOAuth2TokenStore.defaultDirectory(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/mmskit")
        #expect(FileOAuth2TokenStore.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/mmskit")
        #expect(
            FileOAuth2TokenStore.defaultDirectory(environment: ["XDG_CACHE_HOME": "rel", "HOME": "/h"])
                == "/h/.cache/mmskit")
    }

    @Test func theFileIsPrivateAndNamedWithoutTheSecret() async throws {
        let directory = try TemporaryDirectory()
        let store = FileOAuth2TokenStore(
            directory: directory.appending("new/mmskit"), provider: "acme", tokenURL: URL(string: "https://a.test/t")!,
            clientID: "client-1")
        try await store.save(Self.token("tok", expiresIn: 60))
        var status = stat()
        #expect(stat(store.path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        #expect(store.path.hasPrefix(directory.appending("new/mmskit/acme-token-")))
        #expect(try await store.load()?.accessToken.exposedValue == "tok")
        try await store.save(nil)
        #expect(try await store.load() == nil)
    }

    @Test func anotherClientsTokenIsIgnored() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.appending("token.json")
        try await FileOAuth2TokenStore(path: path, clientID: "a").save(Self.token("ta", expiresIn: 3600))
        #expect(try await FileOAuth2TokenStore(path: path, clientID: "b").load() == nil)
        #expect(try await FileOAuth2TokenStore(path: path, clientID: "a").load()?.accessToken.exposedValue == "ta")
    }

    @Test func twoStoresWritingAtOnceNeverTearOrClobberTheFile() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.appending("token.json")
        let first = FileOAuth2TokenStore(path: path, clientID: "c")
        let second = FileOAuth2TokenStore(path: path, clientID: "c")
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    try await store.save(Self.token("t\(index)", expiresIn: 3600 + Double(index), from: start))
                    // Every read in between finds a whole token.
                    #expect(try await store.load() != nil)
                }
            }
            try await group.waitForAll()
        }
        // The token that lives longest wins, whichever store wrote last.
        #expect(try await first.load()?.accessToken.exposedValue == "t99")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
            $0.hasSuffix(".tmp")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func aRefusedTokenIsReplacedWhicheverExpiresFirstAndAnotherIsKept() async throws {
        let directory = try TemporaryDirectory()
        let store = FileOAuth2TokenStore(path: directory.appending("token.json"), clientID: "client-1")
        let refused = Self.token("refused", expiresIn: 7200)
        try await store.save(refused)
        try await store.save(Self.token("shorter", expiresIn: 600))
        #expect(try await store.load()?.accessToken.exposedValue == "refused", "a plain save never shortens")
        try await store.replace(refused, with: Self.token("renewed", expiresIn: 600))
        #expect(try await store.load()?.accessToken.exposedValue == "renewed")
        // Another process's longer-lived token is not the refused one: it stays.
        try await store.save(Self.token("other", expiresIn: 7200))
        try await store.replace(refused, with: Self.token("mine", expiresIn: 600))
        #expect(try await store.load()?.accessToken.exposedValue == "other")
    }
}
