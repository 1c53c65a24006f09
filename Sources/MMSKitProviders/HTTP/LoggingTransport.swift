import Foundation

/// Logs one line per request — method, URL, status, time and sizes — and never headers or bodies, so neither
/// credentials nor content reach the log (user information in the URL is redacted too).
public struct LoggingTransport: HTTPTransport {
    /// Sends the requests that are logged.
    public var inner: any HTTPTransport
    /// Receives each log line.
    public var log: @Sendable (String) -> Void

    /// A transport that sends through `inner` and writes a line per request to `log`.
    public init(wrapping inner: any HTTPTransport, log: @escaping @Sendable (String) -> Void) {
        self.inner = inner
        self.log = log
    }

    /// Sends `request` through `inner` and logs one line with the outcome, the time taken and the sizes.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let started = ContinuousClock.now
        let target = "\(request.method.rawValue) \(URLRedaction.redact(request.url))"
        do {
            let response = try await inner.send(request)
            log(
                "\(target) → \(response.status) in \(Self.milliseconds(since: started)) ms (sent \(request.body?.count ?? 0) B, received \(response.body.count) B)"
            )
            return response
        } catch {
            log("\(target) → \(error) after \(Self.milliseconds(since: started)) ms")
            throw error
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
