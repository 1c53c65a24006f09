import AsyncHTTPClient
import Foundation
import MMSKit
import MMSKitProviders
import MMSKitTestSupport
import Synchronization
import Testing

/// Proxies from the environment, as curl reads them (URLSession honoured them before AsyncHTTPClient replaced it).
@Suite struct ProxySettingsTests {
    static let provider = URL(string: "https://api.sendpulse.com/balance")!

    @Test func httpsAndHttpProxiesAreReadInEitherLetterCase() throws {
        let settings = try ProxySettings(environment: [
            "HTTPS_PROXY": "http://proxy.corp:3128", "http_proxy": "proxy.corp:8080",
        ])
        #expect(settings.proxy(for: Self.provider) == .server(host: "proxy.corp", port: 3128))
        #expect(settings.proxy(for: URL(string: "http://api.example/x")!) == .server(host: "proxy.corp", port: 8080))
        #expect(try ProxySettings(environment: [:]) == .direct)
        #expect(try ProxySettings(environment: ["https_proxy": "  "]) == .direct)
    }

    @Test func credentialsAndSocksAreUnderstood() throws {
        let settings = try ProxySettings(environment: [
            "https_proxy": "http://me:p%40ss@proxy.corp:3128", "http_proxy": "socks5://127.0.0.2:1081",
        ])
        #expect(
            settings.proxy(for: Self.provider)
                == .server(host: "proxy.corp", port: 3128, authorization: .basic(username: "me", password: "p@ss")))
        #expect(settings.proxy(for: URL(string: "http://api.example/")!) == .socksServer(host: "127.0.0.2", port: 1081))
    }

    @Test(arguments: [
        ("api.sendpulse.com", true), (".sendpulse.com", true), ("sendpulse.com", true), ("*", true),
        ("sendpulse.com:443", true), ("pulse.com", false), ("other.example", false),
    ])
    func noProxyNamesHostsAndDomainsReachedDirectly(entry: String, direct: Bool) throws {
        let settings = try ProxySettings(environment: [
            "https_proxy": "http://proxy.corp:3128", "NO_PROXY": "intranet.local, \(entry)",
        ])
        #expect((settings.proxy(for: Self.provider) == nil) == direct)
    }

    @Test(arguments: ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:9/x", "http://127.9.9.9/"])
    func loopbackIsAlwaysDirect(url: String) throws {
        let settings = try ProxySettings(environment: ["http_proxy": "http://proxy.corp:3128"])
        #expect(settings.proxy(for: URL(string: url)!) == nil)
    }

    @Test func anUnusableProxyNamesTheVariableButNeverItsValue() {
        #expect {
            try ProxySettings(environment: ["https_proxy": "ftp://me:secret-pw@proxy.corp"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("https_proxy") && text.contains("ftp") && !text.contains("secret-pw")
        }
    }

    /// A request for a host outside this machine goes through the proxy: a CONNECT to the host, with the proxy's
    /// credentials, then the request itself in the tunnel.
    @Test func aRequestGoesThroughTheProxy() async throws {
        let seen = Mutex<[LocalHTTPServer.Request]>([])
        let proxy = try LocalHTTPServer { request in
            seen.withLock { $0.append(request) }
            return .json(["code": "OK"])
        }
        defer { proxy.stop() }
        let transport = HTTPClientTransport(
            timeout: 10,
            proxies: try ProxySettings(environment: ["http_proxy": "http://me:pw@127.0.0.1:\(proxy.port)"]))
        let response = try await transport.send(
            HTTPRequest(
                method: .post, url: URL(string: "http://provider.invalid/mms/v1/balance")!, body: Data("{}".utf8)))
        #expect(response.status == 200)
        let requests = seen.withLock { $0 }
        #expect(requests.map(\.method) == ["CONNECT", "POST"])
        #expect(requests.first?.path == "provider.invalid:80")
        #expect(requests.first?.headers["proxy-authorization"] == "Basic " + Data("me:pw".utf8).base64EncodedString())
        #expect(requests.last?.path == "/mms/v1/balance")
    }
}
