import Foundation
import Hummingbird
import Logging
import MMSKit
import MMSKitProviders
import MMSKitServer
import ServiceLifecycle

/// `mmskit sandbox`: the providers on one machine. A `Service`: it serves the providers' APIs at their real
/// paths and the control API under `/_sandbox/`, and delivers pushes, until graceful shutdown.
public struct SandboxServer: Service {
    /// How the sandbox listens, pushes, fails and keeps its state.
    public let configuration: SandboxConfiguration
    private let core: SandboxCore
    private let onListening: @Sendable (ListeningAddress) async -> Void

    /// - Throws: when the state directory or libmagic cannot be used.
    public init(
        configuration: SandboxConfiguration,
        transport: any HTTPTransport = HTTPClientTransport(urlOption: "--callback-url (or the --…-url overriding it)"),
        sniffer: MediaSniffer? = nil, logger: Logger = Logger(label: "mmskit.sandbox"),
        onListening: @escaping @Sendable (ListeningAddress) async -> Void = { _ in }
    ) throws {
        self.configuration = configuration
        let file = try configuration.stateDirectory.map { try SandboxStateFile(directory: $0) }
        core = SandboxCore(
            configuration: configuration, state: try SandboxState(file: file), transport: transport,
            sniffer: try sniffer ?? MediaSniffer(), logger: logger)
        self.onListening = onListening
    }

    /// What `/_sandbox/state` shows, for a caller in the same process.
    public var state: SandboxSnapshot {
        get async { await core.state.snapshot }
    }

    /// Serves the providers' APIs and the control API and delivers pushes until graceful shutdown, then closes the
    /// state.
    public func run() async throws {
        let router = Router(context: BasicRequestContext.self)
        let ihuyi = IhuyiSandbox(core: core)
        let jpush = JPushSandbox(core: core)
        ihuyi.register(on: router)
        jpush.register(on: router)
        ItniotechSandbox(core: core).register(on: router)
        SendPulseSandbox(core: core).register(on: router)
        SandboxControl(core: core, ihuyi: ihuyi, jpush: jpush).register(on: router)
        let host = configuration.host
        let requestedPort = configuration.port
        let onListening = self.onListening
        // The courier runs in the application's own service group: on graceful shutdown the server stops
        // first, then the courier; nothing is cancelled (cancelling the server mid-shutdown logged two errors).
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: requestedPort)),
            services: [PushDelivery(courier: core.courier)],
            onServerRunning: { channel in
                await onListening(ListeningAddress(host: host, port: channel.localAddress?.port ?? requestedPort))
            },
            logger: core.logger)
        do {
            try await application.run()
        } catch {
            try? await core.state.close()
            throw error
        }
        try await core.state.close()
    }

    /// Serves until SIGTERM or SIGINT.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: core.logger))
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
