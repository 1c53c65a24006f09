import Foundation
import MMSKit
import MMSKitTestSupport
import NIOSSL
import Synchronization
import Testing

@testable import MMSKitProviders

/// The real transport against servers on 127.0.0.1: the total deadline, the answer limit, fractions of a second,
/// redirects.
@Suite struct HTTPClientTransportTests {
    static func post(_ url: URL, authorization: String? = nil) -> HTTPRequest {
        var headers = ["Content-Type": "application/json"]
        if let authorization { headers["Authorization"] = authorization }
        return HTTPRequest(
            method: .post, url: url.appendingPathComponent("mms/v1/balance"), headers: headers,
            body: Data(#"{"a":1}"#.utf8))
    }

    @Test func aBodyTricklingInIsCutOffAtTheDeadline() async throws {
        // 100 bytes at one per 200 ms would take 20 s; data keeps arriving, so only a total deadline stops it.
        let server = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(
                body: Data(repeating: UInt8(ascii: "x"), count: 100), bytePause: .milliseconds(200))
        }
        defer { server.stop() }
        let transport = HTTPClientTransport(timeout: 1)
        // No timing assertion (a loaded machine may be slow to wake the deadline): had the deadline not cut the
        // answer off, the whole body would have arrived and the request would have succeeded.
        do {
            let response = try await transport.send(Self.post(server.baseURL))
            Issue.record("a trickling answer was waited for: \(response.body.count) bytes")
        } catch {
            #expect(error.kind == .timedOut, "\(error)")
            #expect(!error.requestNeverSent)
        }
    }

    @Test func anEndlessAnswerIsCutOffAtTheLimitWithoutReadingOn() async throws {
        let endless = LocalHTTPServer.EndlessBody()
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(endless: endless) }
        defer { server.stop() }
        let limit = 1 << 20
        // A deadline far away: only the limit can end this exchange before it.
        let transport = HTTPClientTransport(timeout: 600, maximumAnswerSize: limit)
        do {
            let response = try await transport.send(Self.post(server.baseURL))
            Issue.record("an endless answer came back: \(response.body.count) bytes")
        } catch {
            #expect(error.kind == .answerTooLarge, "\(error)")
            #expect(
                error.description
                    == "the answer was too large: \(server.baseURL.absoluteString)/mms/v1/balance answered HTTP 200 with more than 1 MiB, the most mmskit reads of an answer; the rest was not read, and the request may have been processed"
            )
            #expect(RequestDelivery(error) == .uncertain, "a cut-off answer may have been processed")
        }
        // The server could write no more than the client read (at most the limit) and the kernel's socket
        // buffers held (a few MiB on the loopback): the client stopped reading, it did not drain the stream.
        #expect(endless.written.count < limit + 32 << 20, "\(endless.written.count) bytes were taken")
    }

    @Test func anEndlessTricklingAnswerFailsAtTheDeadline() async throws {
        let endless = LocalHTTPServer.EndlessBody(chunk: Data(" ".utf8), pause: .milliseconds(20))
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(endless: endless) }
        defer { server.stop() }
        do {
            let response = try await HTTPClientTransport(timeout: 1).send(Self.post(server.baseURL))
            Issue.record("an endless answer came back: \(response.body.count) bytes")
        } catch {
            #expect(error.kind == .timedOut, "\(error)")
            #expect(error.description == "timed out: 127.0.0.1 did not answer completely within 1 s")
            #expect(RequestDelivery(error) == .uncertain)
        }
    }

    @Test func aFiftyMegabyteAnswerIsRefusedAtTheDefaultLimit() async throws {
        let body = Data(repeating: UInt8(ascii: " "), count: 50_000_000)
        let server = try LocalHTTPServer { _ in LocalHTTPServer.Response(body: body) }
        defer { server.stop() }
        do {
            let response = try await HTTPClientTransport(timeout: 60).send(Self.post(server.baseURL))
            Issue.record("a 50 MB answer was read: \(response.body.count) bytes")
        } catch {
            #expect(error.kind == .answerTooLarge, "\(error)")
            #expect(error.description.contains("with more than 8 MiB"), "\(error)")
        }
        // An answer at the limit is read whole.
        let atLimit = try LocalHTTPServer { _ in
            LocalHTTPServer.Response(body: Data(repeating: UInt8(ascii: " "), count: 1 << 20))
        }
        defer { atLimit.stop() }
        let response = try await HTTPClientTransport(timeout: 60, maximumAnswerSize: 1 << 20).send(
            Self.post(atLimit.baseURL))
        #expect(response.body.count == 1 << 20)
    }

    @Test func aFractionalTimeoutIsHonoured() async throws {
        let server = try LocalHTTPServer { _ in .json(["code": "OK"]) }
        defer { server.stop() }
        let response = try await HTTPClientTransport(timeout: 0.5).send(
            Self.post(server.baseURL))
        #expect(response.status == 200)
    }

    @Test(arguments: [Double.nan, .infinity, 1e308, -1, 0])
    func outOfRangeTimeoutsDoNotCrash(seconds: Double) {
        let transport = HTTPClientTransport(timeout: seconds)
        #expect(transport.deadline > 0 && transport.deadline <= HTTPClientTransport.maximumTimeout)
    }

    @Test(arguments: [301, 302, 307, 308])
    func redirectsAreNeverFollowed(status: Int) async throws {
        let contacted = Mutex<[String: String]?>(nil)
        let second = try LocalHTTPServer { request in
            contacted.withLock { $0 = request.headers }
            return .json(["code": "OK"])
        }
        defer { second.stop() }
        var location = URLComponents(url: second.baseURL, resolvingAgainstBaseURL: false)!
        location.user = "carol"
        location.password = "hunter2"
        location.path = "/elsewhere"
        let target = location.string!
        let first = try LocalHTTPServer { _ in LocalHTTPServer.Response(status: status, headers: ["Location": target]) }
        defer { first.stop() }
        do {
            let response = try await HTTPClientTransport(timeout: 5).send(
                Self.post(first.baseURL, authorization: "Basic c2VjcmV0"))
            Issue.record("the redirect came back as a response: \(response.status)")
        } catch {
            #expect(error.kind == .redirected, "\(error)")
            #expect(error.description.contains("HTTP \(status)"))
            #expect(error.description.contains("--base-url"))
            #expect(error.description.contains("127.0.0.1:\(second.port)/elsewhere"), "names the Location")
            #expect(!error.description.contains("hunter2") && !error.description.contains("carol"))
        }
        #expect(
            contacted.withLock { $0 } == nil, "the second server was contacted with \(contacted.withLock { $0 } ?? [:])"
        )
    }

    @Test(arguments: [
        ("https://user:pa%40ss@api.example.com:8443/mms?x=1", "https://<redacted>@api.example.com:8443/mms?x=1"),
        ("http://token@127.0.0.1/", "http://<redacted>@127.0.0.1/"),
        ("https://api.ihuyi.com/mms/v1/balance?email=a@b.c", "https://api.ihuyi.com/mms/v1/balance?email=a@b.c"),
        ("not a url", "not a url"),
        ("https://u:p@host", "https://<redacted>@host"),
    ])
    func urlCredentialsAreRedacted(text: String, expected: String) {
        #expect(URLRedaction.redact(text) == expected)
    }

    @Test func requestDescriptionsAndLogsRedactURLCredentials() async throws {
        let url = URL(string: "https://alice:s3cret@api.example.com/v1")!
        let request = HTTPRequest(method: .get, url: url)
        for text in [
            request.description, String(reflecting: request),
            "\(ProviderSettings(credentials: ProviderCredentials(provider: IhuyiProvider.providerDescription, values: [:]), baseURL: url))",
        ] {
            #expect(!text.contains("alice") && !text.contains("s3cret"), "\(text)")
        }
        let lines = Mutex<[String]>([])
        let logging = LoggingTransport(wrapping: HTTPClientTransport(timeout: 1)) { line in
            lines.withLock { $0.append(line) }
        }
        _ = try? await logging.send(HTTPRequest(method: .get, url: URL(string: "http://alice:s3cret@127.0.0.1:9/x")!))
        let logged = lines.withLock { $0 }
        #expect(logged.count == 1)
        #expect(
            logged.allSatisfy {
                !$0.contains("alice") && !$0.contains("s3cret") && $0.contains("<redacted>@127.0.0.1")
            }, "\(logged)")
    }

    /// A TLS failure before the request left (the handshake) means never sent; one after it (the server closing
    /// without close_notify once it answered, or not) may follow a request the provider acted on: never "not sent",
    /// which a provider without de-duplication would have resent.
    @Test func aTLSFailureIsNotSentOnlyBeforeTheRequestLeft() {
        #expect(
            HTTPClientTransport.classify(NIOSSLError.handshakeFailed(.sslError([])), host: "h").kind
                == .connectionFailed)
        #expect(
            HTTPClientTransport.classify(NIOSSLError.unableToValidateCertificate, host: "h").kind == .connectionFailed)
        for error in [NIOSSLError.uncleanShutdown, .readInInvalidTLSState, .writeDuringTLSShutdown] {
            let kind = HTTPClientTransport.classify(error, host: "h").kind
            #expect(kind == .connectionLost && RequestDelivery(TransportError(kind, "")) == .uncertain)
        }
    }
}
