import Crypto
import Foundation
import MMSKitProviders
import MMSKitTestSupport
import Testing

@testable import MMSKitSandbox

/// The sandbox's ihuyi judges requests by ihuyi's document, not by mmskit's client: the signature by its own
/// recipe (checked against a known answer), the body by its Content-Type.
@Suite struct IhuyiSandboxRequestTests {
    /// `md5sum` of `api_id=sandbox&api_key=sandbox-api-key&request_id=r-1&timestamp=1700000000`, the string
    /// ihuyi's document builds (the common parameters and api_key, sorted by name, `key=value` joined by `&`).
    @Test func theSignatureRecipeGivesTheKnownAnswer() {
        let known = "931ffbde39e013430bfe442094b3dfb8"
        #expect(
            IhuyiEmulator.signature(
                apiID: "sandbox", apiKey: "sandbox-api-key", requestID: "r-1", timestamp: 1_700_000_000)
                == known)
        #expect(Self.md5("api_id=sandbox&api_key=sandbox-api-key&request_id=r-1&timestamp=1700000000") == known)
        // Another account, with characters outside ASCII: the recipe hashes the UTF-8 bytes.
        #expect(
            IhuyiEmulator.signature(apiID: "账户", apiKey: "k&=", requestID: "请求", timestamp: 1)
                == Self.md5("api_id=账户&api_key=k&=&request_id=请求&timestamp=1"))
    }

    /// A request signed by hand (not by mmskit's client) as the document says is taken; one signed any other way
    /// (keys unsorted, upper-case hex, the api_key left out) is refused with 405.
    @Test func takesARequestSignedByTheDocumentAndRefusesOtherRecipes() async throws {
        let sandbox = try await RunningSandbox.start()
        let right: @Sendable (Int, String) -> String = { timestamp, requestID in
            Self.md5("api_id=sandbox&api_key=sandbox-api-key&request_id=\(requestID)&timestamp=\(timestamp)")
        }
        let answer = try await Self.balance(sandbox, sign: right)
        #expect(answer.status == 200)
        #expect(try Self.code(answer) == "OK")
        let wrong: [@Sendable (Int, String) -> String] = [
            { Self.md5("timestamp=\($0)&request_id=\($1)&api_key=sandbox-api-key&api_id=sandbox") },
            { right($0, $1).uppercased() },
            { Self.md5("api_id=sandbox&request_id=\($1)&timestamp=\($0)") },
        ]
        for sign in wrong {
            #expect(try Self.code(try await Self.balance(sandbox, sign: sign)) == "405")
        }
        try await sandbox.stop()
    }

    /// ihuyi takes JSON (`Content-Type: application/json`, as mmskit's client sends it); anything else is 415
    /// with a message saying so, and nothing is done.
    @Test(arguments: [
        "application/x-www-form-urlencoded", "text/plain", "application/json; charset=gbk", "multipart/form-data",
        nil,
    ])
    func refusesABodyThatIsNotJSON(contentType: String?) async throws {
        let sandbox = try await RunningSandbox.start()
        let answer = try await Self.balance(sandbox, contentType: contentType)
        #expect(answer.status == 415)
        let object = try JSONSerialization.jsonObject(with: answer.body) as? [String: Any]
        let message = object?["message"] as? String ?? ""
        #expect(message.contains("application/json"), "\(message)")
        #expect(message.contains(contentType.map { "'\($0)'" } ?? "is missing"), "\(message)")
        try await sandbox.stop()
    }

    @Test(arguments: ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8"])
    func takesJSONWhateverTheSpelling(contentType: String) async throws {
        let sandbox = try await RunningSandbox.start()
        let answer = try await Self.balance(sandbox, contentType: contentType)
        #expect(answer.status == 200)
        #expect(try Self.code(answer) == "OK")
        try await sandbox.stop()
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func code(_ answer: HTTPResponse) throws -> String? {
        (try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["code"] as? String
    }

    /// `POST /mms/v1/balance` built by hand, signed by `sign(timestamp, requestID)`.
    static func balance(
        _ sandbox: RunningSandbox, contentType: String? = "application/json; charset=utf-8",
        sign: (Int, String) -> String = { timestamp, requestID in
            md5("api_id=sandbox&api_key=sandbox-api-key&request_id=\(requestID)&timestamp=\(timestamp)")
        }
    ) async throws -> HTTPResponse {
        let timestamp = Int(Date().timeIntervalSince1970)
        let requestID = UUID().uuidString
        let body = try JSONSerialization.data(withJSONObject: [
            "api_id": "sandbox", "timestamp": timestamp, "request_id": requestID,
            "signature": sign(timestamp, requestID),
        ])
        return try await HTTPClientTransport().send(
            HTTPRequest(
                method: .post, url: sandbox.url.appendingPathComponent("mms/v1/balance"),
                headers: contentType.map { ["Content-Type": $0] } ?? [:], body: body))
    }
}
