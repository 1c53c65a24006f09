import Logging
import MMSKitServer
import MMSKitStore
import ServiceLifecycle

/// A `ReceiptReceiver` serving on 127.0.0.1 and a port the kernel picked, inside a `ServiceGroup` the test can
/// shut down gracefully (what SIGTERM does in the command).
struct RunningReceiver {
    struct NotListening: Error, CustomStringConvertible {
        var description: String { "the receiver stopped before it listened" }
    }

    let address: ListeningAddress
    let group: ServiceGroup
    let task: Task<Void, any Error>

    var port: Int { address.port }

    static func start(
        _ configuration: ReceiverConfiguration = ReceiverConfiguration(), store: any PushStore,
        log: CapturedLog = CapturedLog(), services: [any Service] = []
    ) async throws -> RunningReceiver {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        configuration.port = 0
        let (addresses, continuation) = AsyncStream.makeStream(of: ListeningAddress.self)
        let receiver = ReceiptReceiver(
            configuration: configuration, store: store, logger: log.logger(), services: services
        ) { address in
            continuation.yield(address)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [receiver], logger: log.logger()))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = addresses.makeAsyncIterator()
        guard let address = await iterator.next() else {
            try await task.value
            throw NotListening()
        }
        return RunningReceiver(address: address, group: group, task: task)
    }

    /// Shuts down gracefully and waits until the receiver has stopped (and closed its store).
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }
}
