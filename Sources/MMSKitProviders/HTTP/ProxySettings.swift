import AsyncHTTPClient
import Foundation
import MMSKit

/// The proxy a request goes through, from the environment as curl and most tools read it: `https_proxy` for
/// https URLs, `http_proxy` for http ones (either letter case), `no_proxy` for the hosts reached directly (a
/// comma-separated list of names, `.domain` or `domain` for a domain and its subdomains, `*` for every host).
/// Loopback addresses (`localhost`, 127.0.0.0/8, `::1`) are always reached directly, so a sandbox or a receiver on
/// this machine is never sent to a corporate proxy. A proxy is `http://[user:password@]host[:port]` (HTTPS through
/// it with CONNECT) or `socks5://host[:port]`.
public struct ProxySettings: Sendable, Equatable {
    /// The proxy for https URLs, and for http ones.
    public var https: HTTPClient.Configuration.Proxy?
    /// The proxy for http URLs (`http_proxy`); `nil` to reach them directly.
    public var http: HTTPClient.Configuration.Proxy?
    /// Hosts (and domains) reached directly; `["*"]` for all.
    public var bypass: [String]

    /// No proxy at all.
    public static let direct = ProxySettings(https: nil, http: nil, bypass: [])

    /// Settings with the given proxies (`nil`: direct) and bypass list (names are compared in lower case).
    public init(
        https: HTTPClient.Configuration.Proxy?, http: HTTPClient.Configuration.Proxy?, bypass: [String]
    ) {
        self.https = https
        self.http = http
        self.bypass = bypass.map { $0.lowercased() }
    }

    /// The settings the environment gives.
    /// - Throws: `ProxySettingsError` naming the variable whose value is not a proxy URL.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ProxySettingsError) {
        func value(_ name: String) -> (name: String, value: String)? {
            for candidate in [name, name.uppercased()] {
                if let value = environment[candidate]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                    return (candidate, value)
                }
            }
            return nil
        }
        var https: HTTPClient.Configuration.Proxy?
        if let given = value("https_proxy") { https = try Self.proxy(given.value, variable: given.name) }
        var http: HTTPClient.Configuration.Proxy?
        if let given = value("http_proxy") { http = try Self.proxy(given.value, variable: given.name) }
        let bypass = (value("no_proxy")?.value ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        self.init(https: https, http: http, bypass: bypass.filter { !$0.isEmpty })
    }

    /// The proxy for `url`, or nil to connect directly.
    public func proxy(for url: URL) -> HTTPClient.Configuration.Proxy? {
        guard let host = url.host?.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]")) else {
            return nil
        }
        if Self.isLoopback(host) || bypasses(host) { return nil }
        return url.scheme?.lowercased() == "https" ? https : http
    }

    func bypasses(_ host: String) -> Bool {
        bypass.contains { entry in
            if entry == "*" { return true }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            let name = domain.split(separator: ":").first.map(String.init) ?? domain
            return host == name || host.hasSuffix("." + name)
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host.hasPrefix("127.")
    }

    /// `http://[user:password@]host[:port]` or `socks5://host[:port]`; a bare `host:port` is taken as http.
    static func proxy(_ text: String, variable: String) throws(ProxySettingsError) -> HTTPClient.Configuration.Proxy {
        let withScheme = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw ProxySettingsError(variable: variable, reason: "it is not a proxy URL")
        }
        switch components.scheme?.lowercased() {
        case "http"?:
            let authorization = components.user.map {
                HTTPClient.Authorization.basic(
                    username: $0.removingPercentEncoding ?? $0,
                    password: components.password.map { $0.removingPercentEncoding ?? $0 } ?? "")
            }
            return .server(host: host, port: components.port ?? 80, authorization: authorization)
        case "socks5"?, "socks5h"?:
            return .socksServer(host: host, port: components.port ?? 1080)
        default:
            throw ProxySettingsError(
                variable: variable,
                reason: "its scheme \(components.scheme ?? "") is not supported (use http:// or socks5://)")
        }
    }
}

/// A proxy variable whose value mmskit cannot use.
public struct ProxySettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable, as it was spelled (`https_proxy`, `HTTP_PROXY`…).
    public var variable: String
    /// What is wrong with its value.
    public var reason: String

    /// The variable, the reason, and how to set or unset it.
    public var description: String {
        "the environment variable \(variable) cannot be used: \(reason); set it to http://HOST:PORT (or socks5://HOST:PORT), or unset it"
    }
}

extension ProxySettingsError: ClassifiedFailure {
    /// A proxy variable that is not a proxy URL is a failure of the setup (exit status 2).
    public var isContentError: Bool { false }
}
