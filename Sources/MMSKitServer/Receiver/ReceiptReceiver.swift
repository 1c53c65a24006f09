import Hummingbird
import Logging
import MMSKit
import MMSKitProviders
import MMSKitStore
import ServiceLifecycle

/// The HTTP server that takes provider pushes (ihuyi receipts, uplinks and reviews; JSMS callbacks) and answers
/// each only after its records are committed to the store. A `Service`: graceful shutdown stops accepting,
/// lets requests in flight finish their commits, stops the services that run with it (the forwarder), then
/// closes the store and stops its connection pool.
///
/// It is a Hummingbird application as Hummingbird's own examples build one: `buildRouter()` groups the routes
/// (`RouteCollection`s for the probes, the metrics and the providers' pushes), and `buildApplication()` puts the
/// server, the store's services and those passed in into one `ServiceGroup`.
public struct ReceiptReceiver: Service {
    /// Where the receiver listens and what it accepts, fixed when it is made.
    public let configuration: ReceiverConfiguration
    private let store: any PushStore
    private let logger: Logger
    private let services: [any Service]
    private let onListening: @Sendable (ListeningAddress) async -> Void
    /// What the receiver counts, served at `GET /metrics`.
    public let metrics: ReceiverMetrics

    /// - Parameters:
    ///   - configuration: where to listen, the token, the body limit and the timeouts.
    ///   - store: where records go; the receiver runs its `services` (PostgreSQL's pool) and closes it when it
    ///     stops.
    ///   - logger: one line per refused request or store failure (never a token, secret or signature).
    ///   - metrics: where requests, stored records and commits are counted (a forwarder may share it).
    ///   - services: what runs with the receiver in its group, such as an `OutboxForwarder`; stopped after the
    ///     server and before the store closes.
    ///   - onListening: called once the socket is bound, with the real port.
    public init(
        configuration: ReceiverConfiguration, store: any PushStore, logger: Logger = Logger(label: "mmskit.receiver"),
        metrics: ReceiverMetrics = ReceiverMetrics(), services: [any Service] = [],
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) {
        self.metrics = metrics
        self.configuration = configuration
        self.store = store
        self.logger = logger
        self.services = services
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
        try await buildApplication().run()
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: requests in flight finish their commits, the
    /// services stop, the store is closed, and it returns. Requests still running after `maximumShutdown` are
    /// cancelled.
    public func runUntilSignalled(maximumShutdown: Duration = .seconds(30)) async throws {
        var group = ServiceGroupConfiguration(
            services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = maximumShutdown
        try await ServiceGroup(configuration: group).run()
    }

    /// The receiver as a Hummingbird application. Its group starts, in order, the store's services (PostgreSQL's
    /// connection pool), the store's closing, the services passed in, and the server; graceful shutdown stops
    /// them in reverse: the server first (requests in flight commit), then the forwarder, then the store is
    /// closed, and its pool stops last.
    public func buildApplication() -> some ApplicationProtocol {
        let host = configuration.host
        let requestedPort = configuration.port
        let onListening = self.onListening
        var application = Application(
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
        application.addServices(store.services)
        application.addServices(StoreClosing(store: store, logger: logger))
        application.addServices(services)
        let store = self.store
        let metrics = self.metrics
        application.beforeServerStarts { await store.observeCommits { metrics.committed($0) } }
        return application
    }

    /// The receiver's routes and middleware: the probes outside the token, then the metrics and the providers'
    /// routes behind it (tests drive the router with HummingbirdTesting).
    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: RequestMetrics<BasicRequestContext>(metrics: metrics))
        router.add(middleware: UnknownRoute<BasicRequestContext>())
        // A route takes the middleware added before it, so the probes need no token.
        router.addRoutes(
            HealthEndpoints(store: store, readinessTimeout: configuration.readinessTimeout)
                .routes(context: BasicRequestContext.self))
        if let token = configuration.token {
            router.add(middleware: TokenRequirement<BasicRequestContext>(token: token, logger: logger))
        }
        router.addRoutes(MetricsEndpoint(metrics: metrics).routes(context: BasicRequestContext.self))
        router.addRoutes(
            PushEndpoints(store: store, configuration: configuration, logger: logger, metrics: metrics)
                .routes(context: BasicRequestContext.self))
        return router
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Closes the store when the receiver's group stops: after the server (whose requests in flight have committed)
/// and the services after it, before the store's own services (its connection pool). On cancellation the store
/// is closed too.
struct StoreClosing: Service {
    let store: any PushStore
    let logger: Logger

    func run() async throws {
        let graceful: Bool
        do {
            try await gracefulShutdown()
            graceful = true
        } catch {
            graceful = false
        }
        try await store.close()
        if graceful { logger.info("stopped: requests in flight were answered and the store is closed") }
    }
}
