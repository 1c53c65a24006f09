import Hummingbird

/// Reads a request body up to a size limit and within a time limit: a declared `Content-Length` over the limit
/// is refused before a byte is read, and a chunked body is read only until it passes the limit, so a large body
/// never sits in memory; a body still arriving when the deadline passes is abandoned (a client trickling a byte
/// every few seconds cannot hold a connection: the idle timeout covers silence, this covers slowness).
enum BoundedBody {
    enum Outcome {
        case complete([UInt8])
        case tooLarge
        case tooSlow
    }

    static func read(_ request: Request, limit: Int, deadline: Duration) async throws -> Outcome {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > limit {
            return .tooLarge
        }
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: deadline)
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= limit else { return .tooLarge }
            guard clock.now <= end else { return .tooSlow }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return .complete(bytes)
    }
}
