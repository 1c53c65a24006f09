import Foundation
import Logging
import MMSKitProviders
import MMSKitStore
import ServiceLifecycle

/// Hands stored records on to the user's application (`receipts serve --forward-to URL`) from the store's
/// outbox, which the store fills in the same transaction as the records: at least once, each task's records in
/// arrival order, retried on `schedule` until the application answers 2xx. The provider is never kept waiting:
/// its push was answered when the records were committed.
public struct OutboxForwarder: Service {
    /// The store whose outbox is forwarded; each delivery and each failed attempt is recorded there.
    public var store: any PushStore
    /// The user's application (`--forward-to`).
    public var endpoint: URL
    /// Signs every message with the forwarding secret.
    public var signer: StandardWebhookSigner
    /// Sends the messages.
    public var transport: any HTTPTransport
    /// When a message the application did not take is tried again.
    public var schedule: ForwardingSchedule
    /// How long to wait before looking again when nothing is due.
    public var idleInterval: Duration
    /// Where failed deliveries and store failures are logged.
    public var logger: Logger
    /// The clock for signing and for when a retry is due.
    public var now: @Sendable () -> Date
    /// Where the outbox backlog and failed attempts are counted (the receiver's, to serve them at `/metrics`).
    public var metrics: ReceiverMetrics?

    /// A forwarder from `store`'s outbox to `endpoint`; by default retried on `ForwardingSchedule()` and looking
    /// again every 200 ms when nothing is due.
    public init(
        store: any PushStore, endpoint: URL, signer: StandardWebhookSigner, transport: any HTTPTransport,
        schedule: ForwardingSchedule = ForwardingSchedule(), idleInterval: Duration = .milliseconds(200),
        logger: Logger, metrics: ReceiverMetrics? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.store = store
        self.endpoint = endpoint
        self.signer = signer
        self.transport = transport
        self.schedule = schedule
        self.idleInterval = idleInterval
        self.logger = logger
        self.now = now
    }

    /// Forwards until the service group shuts down; a store failure is logged and tried again later.
    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var attempted = 0
            do {
                attempted = try await forwardDue()
            } catch {
                logger.error("forwarding: cannot read the outbox: \(error)")
            }
            if attempted == 0 {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: idleInterval) }
            }
        }
    }

    /// Sends every delivery that is due once; a task whose delivery failed sends nothing more this round, so
    /// its records stay in order. Returns how many deliveries were attempted.
    @discardableResult
    public func forwardDue(limit: Int = 100) async throws -> Int {
        let due = try await store.pendingDeliveries(limit: limit, now: now())
        var held = Set<String>()
        var attempted = 0
        for delivery in due {
            let task = delivery.push.record.taskID ?? ""
            guard !held.contains(task) else { continue }
            attempted += 1
            if await !forward(delivery) { held.insert(task) }
        }
        if let metrics { metrics.outboxBacklog(try await store.outboxBacklog()) }
        return attempted
    }

    /// One attempt; true when the application took it.
    private func forward(_ delivery: OutboxDelivery) async -> Bool {
        let message = WebhookMessage(delivery.push)
        let reason: String
        do {
            let response = try await transport.send(message.request(to: endpoint, signer: signer, now: now()))
            if (200..<300).contains(response.status) {
                do {
                    try await store.markDelivered(delivery.id)
                } catch {
                    // Delivered but not recorded: it will be sent again (at least once), with the same webhook-id.
                    logger.error("forwarding: \(message.id) was delivered but the outbox could not record it: \(error)")
                }
                return true
            }
            reason = "HTTP \(response.status)"
        } catch {
            reason = error.description
        }
        let wait = schedule.delay(afterAttempt: delivery.attempts + 1)
        let next = now().addingTimeInterval(
            Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
        metrics?.forwardingFailed()
        do {
            try await store.markFailed(delivery.id, nextAttempt: next, error: reason)
        } catch {
            logger.error("forwarding: cannot record a failed attempt of \(message.id): \(error)")
        }
        logger.warning(
            "forwarding: \(message.id) to \(URLRedaction.redact(endpoint)) failed (\(reason)); attempt \(delivery.attempts + 1), next in \(wait.components.seconds) s"
        )
        return false
    }
}
