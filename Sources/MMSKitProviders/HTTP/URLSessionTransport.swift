import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTPS through one long-lived URLSession with explicit timeouts.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// - Parameters:
    ///   - requestTimeout: seconds without data before a request fails.
    ///   - resourceTimeout: seconds a whole request may take.
    public init(requestTimeout: TimeInterval = 30, resourceTimeout: TimeInterval = 120) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout
        configuration.timeoutIntervalForResource = resourceTimeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.httpAdditionalHeaders = ["User-Agent": "mmskit/\(MMSKitProvidersVersion.current)"]
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw TransportError(.other, "the response to \(request.url.host ?? "the provider") was not HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as TransportError {
            throw error
        } catch let error as URLError {
            throw Self.classify(error, host: request.url.host ?? request.url.absoluteString)
        } catch {
            throw TransportError(.other, "\(error)")
        }
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

/// The version sent in the User-Agent.
public enum MMSKitProvidersVersion {
    public static let current = "0.1.0"
}
