import Foundation
import Hummingbird

/// A provider's answer as the sandbox builds it: kept as bytes until the faults have had their say.
struct SandboxAnswer: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: Data
    /// Seconds, for a 429.
    var retryAfter: String?

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> SandboxAnswer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return SandboxAnswer(status: status, contentType: "application/json; charset=utf-8", body: body)
    }

    static func raw(_ body: Data, status: HTTPResponse.Status = .ok, contentType: String) -> SandboxAnswer {
        SandboxAnswer(status: status, contentType: contentType, body: body)
    }

    var response: Response {
        var fields: HTTPFields = [.contentType: contentType]
        if let retryAfter { fields[.retryAfter] = retryAfter }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
