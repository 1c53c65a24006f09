import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTPS through one long-lived URLSession, with a total deadline per request and redirects refused.
public final class URLSessionTransport: HTTPTransport {
    /// The longest deadline accepted; longer (or non-finite) values are cut to it.
    public static let maximumTimeout: TimeInterval = 86_400

    private let session: URLSession
    /// Seconds a whole request may take, from sending to the last byte of the answer.
    public let deadline: TimeInterval
    /// Where the user gave the URLs this transport is sent to (the option a redirect's message says to check).
    public let urlOption: String

    /// - Parameters:
    ///   - requestTimeout: seconds without data before a request fails.
    ///   - resourceTimeout: seconds a whole request may take; enforced by this transport itself, to the
    ///     fraction of a second, however slowly the answer trickles in.
    ///   - urlOption: the command-line option that set the URLs (`--base-url` for a provider, `--forward-to`,
    ///     `--to`), named when a redirect is refused.
    public init(
        requestTimeout: TimeInterval = 30, resourceTimeout: TimeInterval = 120, urlOption: String = "--base-url"
    ) {
        self.urlOption = urlOption
        deadline = Self.sanitized(resourceTimeout)
        let configuration = URLSessionConfiguration.ephemeral
        // URLSession counts whole seconds on some platforms (0.5 would become 0): round up, and let the
        // deadline above be exact.
        configuration.timeoutIntervalForRequest = Self.sanitized(requestTimeout).rounded(.up)
        configuration.timeoutIntervalForResource = deadline.rounded(.up) + 1
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.httpAdditionalHeaders = ["User-Agent": "mmskit/\(MMSKitProvidersVersion.current)"]
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// A finite, positive number of seconds (a millisecond at least), at most `maximumTimeout`.
    static func sanitized(_ seconds: TimeInterval) -> TimeInterval {
        guard seconds.isFinite else { return maximumTimeout }
        return min(max(seconds, 0.001), maximumTimeout)
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let host = request.url.host ?? URLRedaction.redact(request.url)
        let exchange = Exchange()
        let result: Result<(Data, URLResponse), any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchange.begin(continuation)
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        exchange.finish(.failure(error))
                    } else if let response {
                        exchange.finish(.success((data ?? Data(), response)))
                    } else {
                        exchange.finish(.failure(TransportError(.other, "\(host) gave neither an answer nor an error")))
                    }
                }
                exchange.attach(task)
                DispatchQueue.global().asyncAfter(deadline: .now() + deadline) { [deadline] in
                    exchange.finish(
                        .failure(
                            TransportError(
                                .timedOut, "\(host) did not answer completely within \(Self.seconds(deadline))")))
                }
                task.resume()
            }
        } onCancel: {
            exchange.finish(.failure(TransportError(.other, "the request to \(host) was cancelled")))
        }
        let data: Data
        let response: URLResponse
        switch result {
        case .success(let answer): (data, response) = answer
        case .failure(let error as TransportError): throw error
        case .failure(let error as URLError): throw Self.classify(error, host: host)
        case .failure(let error): throw TransportError(.other, "\(host): \(error.localizedDescription)")
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.other, "the response to \(host) was not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        if (300..<400).contains(http.statusCode) {
            let location = headers.first { $0.key.lowercased() == "location" }?.value
            throw Self.redirected(status: http.statusCode, location: location, request: request, urlOption: urlOption)
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: data)
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

    static func classify(_ error: URLError, host: String) -> TransportError {
        switch error.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
            .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
            .unsupportedURL, .badURL:
            return TransportError(.connectionFailed, "\(host): \(error.localizedDescription)")
        case .timedOut:
            return TransportError(.timedOut, "\(host) did not answer in time")
        case .networkConnectionLost:
            return TransportError(.connectionLost, "\(host): \(error.localizedDescription)")
        default:
            return TransportError(.other, "\(host): \(error.localizedDescription)")
        }
    }
}

extension URLSessionTransport {
    /// One request in flight: the first of the answer, the deadline and a cancellation resumes the caller and
    /// cancels the URLSession task; the others are ignored.
    private final class Exchange: Sendable {
        private struct State {
            var continuation: CheckedContinuation<Result<(Data, URLResponse), any Error>, Never>?
            var task: URLSessionDataTask?
            var outcome: Result<(Data, URLResponse), any Error>?
        }

        private let state = Mutex(State())

        func begin(_ continuation: CheckedContinuation<Result<(Data, URLResponse), any Error>, Never>) {
            let early = state.withLock { state -> Result<(Data, URLResponse), any Error>? in
                if let outcome = state.outcome { return outcome }
                state.continuation = continuation
                return nil
            }
            if let early { continuation.resume(returning: early) }
        }

        func attach(_ task: URLSessionDataTask) {
            let finished = state.withLock { state -> Bool in
                state.task = task
                return state.outcome != nil
            }
            if finished { task.cancel() }
        }

        func finish(_ outcome: Result<(Data, URLResponse), any Error>) {
            let (continuation, task) = state.withLock {
                state -> (CheckedContinuation<Result<(Data, URLResponse), any Error>, Never>?, URLSessionDataTask?) in
                guard state.outcome == nil else { return (nil, nil) }
                state.outcome = outcome
                defer { state.continuation = nil }
                return (state.continuation, state.task)
            }
            guard let continuation else { return }
            task?.cancel()
            continuation.resume(returning: outcome)
        }
    }

    /// Refuses every redirect, so the 3xx answer itself comes back and becomes a `.redirected` error.
    private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}

/// The version sent in the User-Agent.
public enum MMSKitProvidersVersion {
    public static let current = "0.1.0"
}
