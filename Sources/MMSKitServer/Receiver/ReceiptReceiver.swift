import Hummingbird
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore
import ServiceLifecycle

/// The HTTP server that takes provider pushes (ihuyi receipts, uplinks and reviews; JSMS callbacks) and answers
/// each only after its records are committed to the store. A `Service`: graceful shutdown stops accepting,
/// lets requests in flight finish their commits, then closes the store.
public struct ReceiptReceiver: Service {
    /// Where the receiver listens and what it accepts, fixed when it is made.
    public let configuration: ReceiverConfiguration
    private let store: any PushStore
    private let logger: Logger
    private let onListening: @Sendable (ListeningAddress) async -> Void
    /// What the receiver counts, served at `GET /metrics`.
    public let metrics: ReceiverMetrics

    /// - Parameters:
    ///   - configuration: where to listen, the token, the body limit and the timeouts.
    ///   - store: where records go; the receiver closes it when it stops.
    ///   - logger: one line per refused request or store failure (never a token, secret or signature).
    ///   - metrics: where requests, stored records and commits are counted (a forwarder may share it).
    ///   - onListening: called once the socket is bound, with the real port.
    public init(
        configuration: ReceiverConfiguration, store: any PushStore, logger: Logger = Logger(label: "mmskit.receiver"),
        metrics: ReceiverMetrics = ReceiverMetrics(),
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) {
        self.metrics = metrics
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until graceful shutdown (or cancellation), then closes the store.
    public func run() async throws {
        if configuration.token == nil {
            logger.warning(
                "no token: anyone who can reach the port can post pushes; set MMSKIT_RECEIVER_TOKEN (or --token) and add ?token=… to the provider URLs"
            )
        }
        if configuration.jpush == nil {
            logger.warning(
                "no JPush app_key and master_secret: /jpush/callback answers 503 until they are in the credentials file or MMSKIT_JPUSH_APP_KEY and MMSKIT_JPUSH_MASTER_SECRET"
            )
        }
        let metrics = self.metrics
        await store.observeCommits { metrics.committed($0) }
        let host = configuration.host
        let requestedPort = configuration.port
        let onListening = self.onListening
        let application = Application(
            router: buildRouter(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [LingeringClose()],
                    idleTimeout: .nanoseconds(Self.nanoseconds(configuration.idleTimeout)))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: requestedPort)),
            onServerRunning: { channel in
                await onListening(ListeningAddress(host: host, port: channel.localAddress?.port ?? requestedPort))
            },
            logger: logger)
        do {
            try await application.run()
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        logger.info("stopped: requests in flight were answered and the store is closed")
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: requests in flight finish their commits, the
    /// store is closed, and it returns. Requests still running after `maximumShutdown` are cancelled.
    public func runUntilSignalled(
        alongside services: [any Service] = [], maximumShutdown: Duration = .seconds(30)
    )
        async throws
    {
        // The group shuts services down in reverse order: those alongside (the forwarder) stop before the
        // receiver, which closes the store last.
        var group = ServiceGroupConfiguration(
            services: [self] + services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = maximumShutdown
        try await ServiceGroup(configuration: group).run()
    }

    /// The receiver's routes and middleware, as `run()` serves them (tests drive it with HummingbirdTesting).
    func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestMetrics<BasicRequestContext>(metrics: metrics))
        router.add(middleware: UnknownRoute<BasicRequestContext>())
        // Added before the token: a route takes the middleware added before it, so the probes need none.
        HealthEndpoints(store: store, readinessTimeout: configuration.readinessTimeout).add(to: router)
        if let token = configuration.token {
            router.add(middleware: TokenRequirement<BasicRequestContext>(token: token, logger: logger))
        }
        // Behind the token when there is one (the counts say how much traffic a provider sends).
        router.get("/metrics") { [metrics] _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        let endpoints = PushEndpoints(store: store, configuration: configuration, logger: logger, metrics: metrics)
        router.post("/ihuyi/receipts") { request, _ in try await endpoints.ihuyi(.deliveryReceipt, request: request) }
        router.post("/ihuyi/uplinks") { request, _ in try await endpoints.ihuyi(.reply, request: request) }
        router.post("/ihuyi/reviews") { request, _ in try await endpoints.ihuyi(.templateReview, request: request) }
        router.get("/jpush/callback") { request, _ in endpoints.jpushVerification(request: request) }
        router.post("/jpush/callback") { request, _ in try await endpoints.jpushCallback(request: request) }
        return router
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
