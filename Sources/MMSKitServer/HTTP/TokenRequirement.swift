import Hummingbird
import Logging
import MMSKitProviders

/// Refuses (401) every request whose query has no `token` equal to the receiver's, compared in constant time.
/// The token is never logged: a refusal logs the method and path only.
struct TokenRequirement<Context: RequestContext>: RouterMiddleware {
    let token: Secret
    let logger: Logger

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let given = request.uri.query.flatMap { try? FormFields.parse($0)["token"] }
        guard let given, ConstantTime.equals(given.utf8, token.exposedValue.utf8) else {
            logger.warning(
                "refused \(request.method) \(PlainText.oneLine(request.uri.path)) (401): \(given == nil ? "no" : "wrong") token"
            )
            return PlainText.line("this receiver needs ?token=… with its token", status: .unauthorized)
        }
        return try await next(request, context)
    }
}
