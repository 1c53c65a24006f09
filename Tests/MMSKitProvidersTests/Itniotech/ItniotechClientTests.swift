import Crypto
import Foundation
import MMSKit
import MMSKitProviders
import MMSKitTestSupport
import Testing

@Suite struct ItniotechClientTests {
    static let secret = "itn-SECRET-9d2f"

    static func client(_ server: FakeItniotechServer, method: ItniotechClient.QueryMethod = .post) -> ItniotechClient {
        ItniotechClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), apiKey: server.apiKey,
            apiSecret: Secret(server.apiSecret), queryMethod: method)
    }

    static func client(_ transport: RecordingTransport, now: Date = Date()) -> ItniotechClient {
        ItniotechClient(
            baseURL: URL(string: "https://api.itniotech.test")!, transport: transport, apiKey: "k-1",
            apiSecret: Secret(secret), now: { now })
    }

    @Test func theSignatureIsTheDocumentedMD5OfKeySecretAndTimestamp() async throws {
        let transport = RecordingTransport(
            responses: .text(200, #"{"status":"0","reason":"ok","balance":"1","gift":"0","credit":"0"}"#))
        _ = try await Self.client(transport, now: Date(timeIntervalSince1970: 1_700_000_000)).balance()
        let request = try #require(transport.requests.first)
        // The recipe, computed here: lower-case hex MD5 of apiKey + apiSecret + timestamp.
        let expected = Insecure.MD5.hash(data: Data("k-1\(Self.secret)1700000000".utf8))
            .map { String(format: "%02x", $0) }.joined()
        #expect(request.header("Api-Key") == "k-1")
        #expect(request.header("Timestamp") == "1700000000")
        #expect(request.header("Sign") == expected)
        #expect(request.header("Content-Type") == "application/json;charset=UTF-8")
        #expect(request.url.absoluteString == "https://api.itniotech.test/sms/getBalance")
        let everything =
            "\(request)" + String(decoding: request.body ?? Data(), as: UTF8.self) + request.url.absoluteString
        #expect(!everything.contains(Self.secret))
        #expect(!"\(request)".contains(expected))
    }

    @Test(arguments: [(200, 1), (201, 2), (401, 3)])
    func idsAreQueriedInCallsOfAtMost200AndMerged(count: Int, calls: Int) async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let ids = (0..<count).map { "e\($0)" }
        server.withState { state in
            for (index, id) in ids.enumerated() where index % 3 != 2 {
                state.records[id] = [
                    .init(
                        toAddress: "\(id)@example.com", receiveTime: "2026-11-20T10:00:00+08:00",
                        status: index % 3 == 0 ? 0 : 1)
                ]
            }
        }
        let result = try await Self.client(server).records(appID: server.appID, ids: ids)
        let perCall = server.withState { $0.idsPerCall }
        #expect(perCall.count == calls)
        #expect(perCall.allSatisfy { $0 <= 200 })
        #expect(perCall.reduce(0, +) == count)
        #expect(result.records.map(\.emailID) == ids.enumerated().filter { $0.offset % 3 != 2 }.map(\.element))
        #expect(result.notFound == ids.enumerated().filter { $0.offset % 3 == 2 }.map(\.element))
        #expect(result.success == (0..<count).filter { $0 % 3 == 0 }.count)
        #expect(result.fail == (0..<count).filter { $0 % 3 == 1 }.count)
        #expect(result.noFound == result.notFound.count)
    }

    @Test func theServerRefusesMoreThan200WithMinus28() async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let transport = AuthenticatedTransport(
            wrapping: HTTPClientTransport(),
            authenticator: HeaderSignatureAuthenticator(apiKey: server.apiKey, apiSecret: Secret(server.apiSecret)))
        let ids = (0..<201).map { "e\($0)" }.joined(separator: ",")
        let response = try await transport.send(
            HTTPRequest(
                method: .post, url: server.baseURL.appendingPathComponent("email/getSendEmailRcd"),
                body: Data(#"{"appId":"\#(server.appID)","emailId":"\#(ids)"}"#.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(object["status"] as? String == "-28")
    }

    @Test func theQueryCanGoAsAGetWithAQueryString() async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        server.withState { $0.records["a b"] = [.init(toAddress: "x@example.com", status: -1)] }
        let result = try await Self.client(server, method: .get).records(appID: server.appID, ids: ["a b", "zz"])
        #expect(result.records.map(\.status) == [.sending])
        #expect(result.notFound == ["zz"])
        #expect(server.withState { $0.requests } == ["GET /email/getSendEmailRcd"])
    }

    @Test func duplicateIdsAreAskedOnce() async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        _ = try await Self.client(server).records(appID: server.appID, ids: ["a", "b", "a", "", "b"])
        #expect(server.withState { $0.idsPerCall } == [2])
    }

    @Test(arguments: [
        (#"{"status":"0","reason":"ok","success":"x1","fail":"0","sending":"0","nofound":"0","array":[]}"#, "success"),
        (#"{"status":"0","reason":"ok","success":"0","fail":"0","sending":"0","array":[]}"#, "nofound"),
        (
            #"{"status":"0","success":"0","fail":"0","sending":"0","nofound":"0","array":[{"emailId":"a","toAddress":"t","receiveTime":"","status":"sent"}]}"#,
            "array[0].status"
        ),
        (
            #"{"status":"0","success":"0","fail":"0","sending":"0","nofound":"0","array":[{"emailId":"a","toAddress":"t","receiveTime":"","status":"7"}]}"#,
            "array[0].status"
        ),
        (
            #"{"status":"0","success":"0","fail":"0","sending":"0","nofound":"0","array":[{"emailId":"a","toAddress":"t","receiveTime":"yesterday","status":"0"}]}"#,
            "array[0].receiveTime"
        ),
        (#"{"status":"zero"}"#, "status"),
    ])
    func aFieldThatIsNotANumberIsNamed(body: String, field: String) async throws {
        let transport = RecordingTransport(responses: .text(200, body))
        await #expect {
            _ = try await Self.client(transport).records(appID: "app", ids: ["a"])
        } throws: { error in
            guard case .badField(_, let named, _) = error as? ItniotechError else { return false }
            return named == field && "\(error)".contains(field)
        }
    }

    @Test(arguments: [
        ("-1", "authentication error", "MMSKIT_ITNIOTECH_API_SECRET"),
        ("-4", "user locked", "support"),
        ("-5", "field empty or bad query id", "--app-id"),
        ("-6", "timestamp expired", "clock"),
        ("-8", "IP not allowed", "allow list"),
        ("-23", "port or program error", "retry later"),
        ("-24", "account not verified", "verify"),
        ("-28", "more than 200 ids in one query", "maintainers"),
    ])
    func aNonZeroStatusInAn200AnswerIsATypedFailure(status: String, meaning: String, hint: String) async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"status":"\#(status)","reason":"原因 \#(status)"}"#))
        do {
            _ = try await Self.client(transport).records(appID: "app", ids: ["a"])
            Issue.record("a non-zero status was taken for success")
        } catch {
            #expect(error.code == status)
            #expect(error.meaning == meaning)
            #expect(error.providerMessage == "原因 \(status)")
            #expect(error.hint?.contains(hint) == true)
            #expect(error.description.contains("原因 \(status)"))
            #expect(error.isContentError == (status == "-5"))
        }
    }

    @Test func aStatusCodeIsReadWhateverTheHTTPStatus() async throws {
        let transport = RecordingTransport(
            responses: .text(403, #"{"status":"-8","reason":"IP 10.0.0.1 not allowed"}"#))
        do {
            _ = try await Self.client(transport).balance()
            Issue.record("a refusal was taken for success")
        } catch {
            #expect(error.code == "-8")
            #expect(error.httpStatus == 403)
            #expect(error.providerMessage == "IP 10.0.0.1 not allowed")
        }
        let html = RecordingTransport(responses: .text(502, "<html>bad gateway</html>", contentType: "text/html"))
        await #expect {
            _ = try await Self.client(html).balance()
        } throws: { error in
            guard case .unreadableResponse(let response) = error as? ItniotechError else { return false }
            return response.status == 502 && response.bodyPreview.contains("bad gateway")
        }
    }

    @Test func theSMSBalanceTimestampCodeGivesAClockHint() async throws {
        let transport = RecordingTransport(responses: .text(200, #"{"status":"-16","reason":"timestamp expired"}"#))
        await #expect {
            _ = try await Self.client(transport).balance()
        } throws: { error in
            (error as? ItniotechError)?.hint?.contains("clock") == true
        }
    }

    @Test func aStaleClockIsRefusedByTheServerWithMinus6() async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let client = ItniotechClient(
            baseURL: server.baseURL, transport: HTTPClientTransport(), apiKey: server.apiKey,
            apiSecret: Secret(server.apiSecret), now: { Date().addingTimeInterval(-3600) })
        await #expect {
            _ = try await client.records(appID: server.appID, ids: ["a"])
        } throws: { error in
            (error as? ItniotechError)?.code == "-6" && "\(error)".contains("clock")
        }
    }

    @Test func theBalanceIsParsedFromStrings() async throws {
        let server = try FakeItniotechServer()
        defer { server.stop() }
        let balance = try await Self.client(server).balance()
        #expect(balance == ItniotechBalance(balance: 1234.5, gift: 10, credit: 0))
    }

    @Test func noIdsSendsNothing() async throws {
        let transport = RecordingTransport()
        await #expect(throws: ItniotechError.noIDs) {
            _ = try await Self.client(transport).records(appID: "app", ids: ["", ""])
        }
        #expect(transport.requests.isEmpty)
    }
}
