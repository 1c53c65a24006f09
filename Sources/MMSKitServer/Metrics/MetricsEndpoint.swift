import Hummingbird

/// `GET /metrics`: the receiver's counters in Prometheus's text format. The receiver serves it behind its token
/// when there is one (the counts say how much traffic each provider sends); Prometheus sends the token as
/// `?token=` in the scrape URL (`params:` in its job).
struct MetricsEndpoint: Sendable {
    let metrics: ReceiverMetrics

    /// The one route.
    func routes<Context: RequestContext>(context: Context.Type) -> RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get("/metrics") { [metrics] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        return routes
    }
}
