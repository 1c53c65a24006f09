import Hummingbird

/// Reads a request body up to a limit: a declared `Content-Length` over the limit is refused before a byte is
/// read, and a chunked body is read only until it passes the limit, so a large body never sits in memory.
enum BoundedBody {
    /// The body's bytes, or nil when it is larger than `limit`.
    static func read(_ request: Request, limit: Int) async throws -> [UInt8]? {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > limit { return nil }
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            guard bytes.count + chunk.readableBytes <= limit else { return nil }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }
}
