import Hummingbird
import Logging

/// Answers a request for a path or method the receiver does not serve with one line naming the routes it does,
/// instead of an empty 404: a provider console that shows the answer then tells the user what to fix. A path is
/// served only as written: the router would also match `/ihuyi/receipts/` and `//ihuyi/receipts`, which are 404.
struct UnknownRoute<Context: RequestContext>: RouterMiddleware {
    static var routes: String {
        "POST /ihuyi/receipts, POST /ihuyi/uplinks, POST /ihuyi/reviews, GET|POST /jpush/callback, GET /healthz, GET /readyz, GET /metrics"
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let path = request.uri.path
        if Self.isWrittenOtherwise(path) {
            return PlainText.line(
                "no route for \(request.method) \(path): this receiver serves \(Self.routes) (paths exactly as written)",
                status: .notFound)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            return PlainText.line(
                "no route for \(request.method) \(request.uri.path): this receiver serves \(Self.routes)",
                status: error.status)
        }
    }

    /// Whether the router would serve `path` although no route is written so: a doubled slash anywhere, or a
    /// trailing one after more than `/`. One pass over the bytes (Foundation's `contains("//")` went through
    /// `NSString`: 1 % of the receiver's CPU under one receipt per POST, on every request).
    static func isWrittenOtherwise(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var previous: UInt8 = 0
        for byte in path.utf8 {
            if byte == slash, previous == slash { return true }
            previous = byte
        }
        return previous == slash && path.utf8.count > 1
    }
}
