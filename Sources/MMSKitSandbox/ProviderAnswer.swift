import Foundation
import Hummingbird
import MMSKitStore

/// A provider's answer as an emulator builds it, kept as bytes until the faults have had their say; not yet the
/// HTTP response (``response`` makes it).
struct ProviderAnswer: Sendable {
    var status: HTTPResponse.Status
    var contentType: String
    var body: Data
    /// Seconds, for a 429.
    var retryAfter: String?

    /// `value` as JSON; a `Date` in it is ISO 8601 in UTC with milliseconds, as the read commands write times
    /// (`StoredPush.timestamp`), never Foundation's default of seconds since 2001.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> ProviderAnswer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StoredPush.timestamp(date))
        }
        let body = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return ProviderAnswer(status: status, contentType: "application/json; charset=utf-8", body: body)
    }

    static func raw(_ body: Data, status: HTTPResponse.Status = .ok, contentType: String) -> ProviderAnswer {
        ProviderAnswer(status: status, contentType: contentType, body: body)
    }

    var response: Response {
        var fields: HTTPFields = [.contentType: contentType]
        if let retryAfter { fields[.retryAfter] = retryAfter }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
