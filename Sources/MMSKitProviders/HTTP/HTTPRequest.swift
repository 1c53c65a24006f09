import Foundation

/// An HTTP request as the provider clients build it: transport-neutral, so tests can inspect it.
public struct HTTPRequest: Sendable, Hashable {
    /// The HTTP methods the provider APIs use; the raw value is the method as sent.
    public enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    /// The HTTP method.
    public var method: Method
    /// The full URL, query included; it may carry credentials, so print the request's `description`, not the URL.
    public var url: URL
    /// Header fields; names as sent.
    public var headers: [String: String]
    /// The body bytes as sent; `nil` for a request without a body.
    public var body: Data?

    /// A request; `headers` are sent with their names as given.
    public init(method: Method, url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// Sets a header field, replacing any field of the same name in another letter case (names are
    /// case-insensitive, and a stale duplicate would be sent alongside the new value).
    public mutating func setHeader(_ name: String, _ value: String) {
        for existing in headers.keys where existing.caseInsensitiveCompare(name) == .orderedSame {
            headers[existing] = nil
        }
        headers[name] = value
    }

    /// The value of a header field, whatever the letter case of its name.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Method, URL, header names with credentials redacted, and the body size: safe for logs and dumps.
    public var description: String {
        let headerText = headers.sorted { $0.key < $1.key }.map { name, value in
            "\(name): \(Self.isCredential(name) ? "<redacted>" : value)"
        }.joined(separator: ", ")
        return "\(method.rawValue) \(URLRedaction.redact(url)) [\(headerText)] body: \(body?.count ?? 0) bytes"
    }

    /// The same redacted text as `description`, so a debugger never shows a credential either.
    public var debugDescription: String { description }

    /// Method, redacted URL and body size only: `dump` and the debugger show no header or body.
    public var customMirror: Mirror {
        Mirror(
            self, children: ["method": method, "url": URLRedaction.redact(url), "body bytes": body?.count ?? 0],
            displayStyle: .struct)
    }

    /// Whether a header carries credentials (`Authorization`, cookies, itniotech's `Sign` and `Api-Key`): never
    /// printed, logged or shown by `--dry-run`.
    public static func isCredential(_ header: String) -> Bool {
        ["authorization", "proxy-authorization", "cookie", "sign", "api-key"].contains(header.lowercased())
    }
}
