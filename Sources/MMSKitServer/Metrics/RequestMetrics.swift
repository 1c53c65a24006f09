import Hummingbird

/// Counts every request the receiver answers by its route's pattern (never the path as sent, which may hold
/// anything), method and status, and times it. The outermost middleware, so refusals count too.
struct RequestMetrics<Context: RequestContext>: RouterMiddleware {
    let metrics: ReceiverMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: start)
            return response
        } catch {
            record(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        metrics.request(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status,
            duration: .now - start)
    }
}
