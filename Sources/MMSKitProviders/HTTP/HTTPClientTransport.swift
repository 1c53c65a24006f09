import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// HTTP and HTTPS through AsyncHTTPClient (SwiftNIO): one deadline for the whole exchange, headers and body; an
/// answer read no further than `maximumAnswerSize`, pulled from the socket only as fast as it is taken (so an
/// endless answer costs no memory beyond the limit); redirects refused.
///
/// Not URLSession: on Linux it reads an answer as fast as the network delivers it, whatever its delegate does,
/// and its cancellation lands seconds later, so an endless answer grew to gigabytes before it stopped.
public struct HTTPClientTransport: HTTPTransport {
    /// The longest deadline accepted; longer (or non-finite) values are cut to it.
    public static let maximumTimeout: TimeInterval = 86_400
    /// The most of an answer's body read by default: 8 MiB. The largest answers the providers' references
    /// describe (an itniotech page of 200 records, a JPush template) are tens of kilobytes, so this is far above
    /// any real answer and still bounds the memory a broken or hostile server can make mmskit use.
    public static let defaultMaximumAnswerSize = 8 << 20

    /// Seconds a whole request may take, from sending it to the last byte of the answer.
    public let deadline: TimeInterval
    /// The most bytes of an answer's body read; a longer answer is an `.answerTooLarge` error.
    public let maximumAnswerSize: Int
    /// Where the user gave the URLs this transport is sent to (the option a redirect's message says to check).
    public let urlOption: String
    /// The proxies requests go through (`https_proxy`, `http_proxy`, `no_proxy`; loopback always direct).
    public let proxies: ProxySettings

    /// - Parameters:
    ///   - timeout: seconds a whole request may take, headers and body, however slowly (or endlessly) the
    ///     answer comes in; fractions count.
    ///   - maximumAnswerSize: the most bytes of an answer's body read (at least 1).
    ///   - urlOption: the command-line option that set the URLs (`--base-url` for a provider, `--forward-to`,
    ///     `--to`), named when a redirect is refused.
    ///   - proxies: the proxies to go through (the CLI reads them from the environment with
    ///     `ProxySettings(environment:)`, which names a variable it cannot use); none by default.
    public init(
        timeout: TimeInterval = 120, maximumAnswerSize: Int = HTTPClientTransport.defaultMaximumAnswerSize,
        urlOption: String = "--base-url", proxies: ProxySettings = .direct
    ) {
        deadline = Self.sanitized(timeout)
        self.maximumAnswerSize = max(1, maximumAnswerSize)
        self.urlOption = urlOption
        self.proxies = proxies
    }

    /// The process's clients, one per proxy (nil: direct): connections are pooled across transports; redirects
    /// come back as answers; a connection that cannot be made fails the request at once (refused, not retried
    /// until the deadline), so it counts as never sent. They live as long as the process, so they are never shut
    /// down.
    private static let clients = Mutex<[HTTPClient.Configuration.Proxy?: HTTPClient]>([:])

    private static func client(through proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[proxy] { return client }
            var configuration = HTTPClient.Configuration(
                redirectConfiguration: .disallow, timeout: HTTPClient.Configuration.Timeout(connect: .seconds(30)),
                proxy: proxy, decompression: .disabled)
            configuration.connectionPool.retryConnectionEstablishment = false
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[proxy] = client
            return client
        }
    }

    /// A finite, positive number of seconds (a millisecond at least), at most `maximumTimeout`.
    static func sanitized(_ seconds: TimeInterval) -> TimeInterval {
        guard seconds.isFinite else { return maximumTimeout }
        return min(max(seconds, 0.001), maximumTimeout)
    }

    /// Sends `request` (with mmskit's User-Agent unless it names one) and reads the whole answer within `deadline`.
    /// - Throws: `TransportError` when no complete answer came: the connection failed or broke, the deadline
    ///   passed, the server redirected, or the answer was larger than `maximumAnswerSize`.
    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let host = request.url.host ?? URLRedaction.redact(request.url)
        let outgoing = Self.outgoing(request)
        let deadline = deadline
        do {
            return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
                group.addTask { try await exchange(outgoing, for: request) }
                group.addTask {
                    try await Task.sleep(for: .seconds(deadline))
                    return nil
                }
                defer { group.cancelAll() }
                guard let response = try await group.next() ?? nil else {
                    throw TransportError(
                        .timedOut, "\(host) did not answer completely within \(Self.seconds(deadline))")
                }
                return response
            }
        } catch let error as TransportError {
            throw error
        } catch {
            throw Task.isCancelled
                ? TransportError(.other, "the request to \(host) was cancelled") : Self.classify(error, host: host)
        }
    }

    /// The request as AsyncHTTPClient takes it, with mmskit's User-Agent unless the request names its own.
    private static func outgoing(_ request: HTTPRequest) -> HTTPClientRequest {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        outgoing.headers.add(name: "User-Agent", value: "mmskit/\(MMSKitProvidersVersion.current)")
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        return outgoing
    }

    /// Sends `outgoing` and reads its answer, at most `maximumAnswerSize` bytes of body.
    private func exchange(_ outgoing: HTTPClientRequest, for request: HTTPRequest) async throws -> HTTPResponse {
        // AsyncHTTPClient's own deadline covers only the status line and headers; the caller's covers the rest.
        let client = Self.client(through: proxies.proxy(for: request.url))
        let response = try await client.execute(outgoing, deadline: .now() + .seconds(Int64(deadline) + 1))
        let status = Int(response.status.code)
        var headers: [String: String] = [:]
        for (name, value) in response.headers { headers[name] = headers[name].map { "\($0), \(value)" } ?? value }
        if (300..<400).contains(status) {
            let location = headers.first { $0.key.lowercased() == "location" }?.value
            throw Self.redirected(status: status, location: location, request: request, urlOption: urlOption)
        }
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > maximumAnswerSize
        {
            throw tooLarge(status: status, request: request)
        }
        var body = Data()
        for try await piece in response.body {
            guard body.count + piece.readableBytes <= maximumAnswerSize else {
                throw tooLarge(status: status, request: request)
            }
            body.append(contentsOf: piece.readableBytesView)
        }
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    private func tooLarge(status: Int, request: HTTPRequest) -> TransportError {
        let limit =
            maximumAnswerSize % (1 << 20) == 0 ? "\(maximumAnswerSize >> 20) MiB" : "\(maximumAnswerSize) bytes"
        return TransportError(
            .answerTooLarge,
            "\(URLRedaction.redact(request.url)) answered HTTP \(status) with more than \(limit), the most mmskit reads of an answer; the rest was not read, and the request may have been processed"
        )
    }

    static func redirected(status: Int, location: String?, request: HTTPRequest, urlOption: String) -> TransportError {
        let target = location.map { "to \(URLRedaction.redact($0))" } ?? "without a Location"
        return TransportError(
            .redirected,
            "\(URLRedaction.redact(request.url)) answered HTTP \(status), a redirect \(target); redirects are not followed (they would carry the credentials elsewhere): check \(urlOption)"
        )
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    /// What an AsyncHTTPClient or SwiftNIO error means: only failures to set up the connection (refused, name
    /// not found, TLS handshake, a URL it cannot use) are certain not to have sent the request.
    static func classify(_ error: any Error, host: String) -> TransportError {
        let text = "\(host): \(String(describing: error))"
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
                .invalidURL, .emptyHost, .emptyScheme:
                return TransportError(.connectionFailed, text)
            case .readTimeout, .deadlineExceeded:
                return TransportError(.timedOut, "\(host) did not answer in time")
            case .remoteConnectionClosed:
                return TransportError(.connectionLost, text)
            default:
                return TransportError(.other, text)
            }
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .uncleanShutdown, .readInInvalidTLSState, .writeDuringTLSShutdown, .shutdownFailed:
                // After the handshake: the request may have been written, and the server may have acted on it.
                return TransportError(.connectionLost, text)
            default:
                // The handshake, the certificate, the TLS set-up: nothing was sent.
                return TransportError(.connectionFailed, text)
            }
        }
        if error is NIOConnectionError || error is SocketAddressError {
            return TransportError(.connectionFailed, text)
        }
        if let error = error as? IOError, [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(error.errnoCode) {
            return TransportError(.connectionFailed, text)
        }
        if let error = error as? IOError, [ECONNRESET, EPIPE].contains(error.errnoCode) {
            return TransportError(.connectionLost, text)
        }
        return TransportError(.other, text)
    }
}

/// The version sent in the User-Agent.
public enum MMSKitProvidersVersion {
    /// The version, as in `User-Agent: mmskit/0.1.0`.
    public static let current = "0.1.0"
}
