import Foundation
import Hummingbird
import Logging
import MMSKit
import MMSKitProviders
import MMSKitServer
import ServiceLifecycle

/// The sandbox, the one entry point `mmskit sandbox` runs: a `Service` serving the providers' APIs and the
/// control API and delivering pushes; not a receiver of pushes (that is `ReceiptReceiver` in MMSKitServer).
///
/// It serves the providers' APIs at their real paths and the control API under `/_sandbox/`, and delivers pushes,
/// until graceful shutdown.
public struct SandboxServer: Service {
    /// How the sandbox listens, pushes, fails and keeps its state.
    public let configuration: Configuration
    private let context: EmulatorContext
    private let onListening: @Sendable (ListeningAddress) async -> Void

    /// A sandbox ready to run.
    /// - Parameters:
    ///   - configuration: where it listens and pushes, its clock, failures, accounts and state directory.
    ///   - transport: what the pushes go out through (the receivers are on the other end).
    ///   - sniffer: judges the media in request bodies; nil loads libmagic.
    ///   - logger: given up pushes, faults that struck, and the server's own lines (never a secret).
    ///   - onListening: called once the socket is bound, with the real port.
    /// - Throws: when the state directory or libmagic cannot be used.
    public init(
        configuration: Configuration,
        transport: any HTTPTransport = HTTPClientTransport(urlOption: "--callback-url (or the --…-url overriding it)"),
        sniffer: MediaSniffer? = nil, logger: Logger = Logger(label: "mmskit.sandbox"),
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) throws {
        self.configuration = configuration
        let file = try configuration.stateDirectory.map { try LedgerFile(directory: $0) }
        context = EmulatorContext(
            configuration: configuration, ledger: try SharedLedger(file: file), transport: transport,
            sniffer: try sniffer ?? MediaSniffer(), logger: logger)
        self.onListening = onListening
    }

    /// What the accounts hold now (`accounts` in `/_sandbox/state`), for a caller in the same process.
    public var ledger: Ledger {
        get async { await context.ledger.current }
    }

    /// Serves the providers' APIs and the control API and delivers pushes until graceful shutdown, then closes the
    /// ledger's file.
    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        let ihuyi = IhuyiEmulator(context: context)
        let jpush = JPushEmulator(context: context)
        ihuyi.register(on: router)
        jpush.register(on: router)
        ItniotechEmulator(context: context).register(on: router)
        SendPulseEmulator(context: context).register(on: router)
        ControlRoutes(context: context, ihuyi: ihuyi, jpush: jpush).register(on: router)
        let host = configuration.host
        let requestedPort = configuration.port
        let onListening = self.onListening
        // The courier runs in the application's own service group: on graceful shutdown the server stops
        // first, then the courier; nothing is cancelled (cancelling the server mid-shutdown logged two errors).
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: requestedPort)),
            services: [PushDelivery(courier: context.courier)],
            onServerRunning: { channel in
                await onListening(ListeningAddress(host: host, port: channel.localAddress?.port ?? requestedPort))
            },
            logger: context.logger)
        do {
            try await application.run()
        } catch {
            try? await context.ledger.close()
            throw error
        }
        try await context.ledger.close()
    }

    /// Serves until SIGTERM or SIGINT.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: context.logger))
        try await group.run()
    }
}

/// The courier as a service of the sandbox's application: it delivers pushes until graceful shutdown.
private struct PushDelivery: Service {
    let courier: PushCourier

    func run() async {
        await cancelWhenGracefulShutdown { await courier.run() }
    }
}
