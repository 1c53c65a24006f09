import Foundation

/// What came back: the status, the header fields and the body.
public struct HTTPResponse: Sendable, Hashable {
    /// The HTTP status code, e.g. 200.
    public var status: Int
    /// Header fields as received; look one up ignoring letter case.
    public var headers: [String: String]
    /// The body as read (transports bound its size; an empty body is empty data).
    public var body: Data

    /// A response with the given status, header fields and body.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The wait a `Retry-After` header asks for (seconds, or an HTTP date), when there is one.
    public var retryAfter: Duration? {
        guard
            let text = headers.first(where: { $0.key.lowercased() == "retry-after" })?.value.trimmingCharacters(
                in: .whitespaces)
        else {
            return nil
        }
        if let seconds = Int(text) { return .seconds(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .seconds(max(0, Int(date.timeIntervalSinceNow.rounded(.up))))
    }

    /// The first bytes of the body as text, for error messages ("…" when cut).
    public func bodyPreview(limit: Int = 200) -> String {
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return body.count > limit ? text + "…" : text
    }
}
