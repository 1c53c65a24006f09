import Foundation
import Logging
import MMSKitProviders

/// Delivers the pushes the sandbox owes, the way the providers do; not the receiver's forwarder to your
/// application.
///
/// Each push is POSTed until the receiver accepts it, waiting longer between tries, giving up after the provider's
/// number of tries; every try is logged for the inspector.
actor PushCourier {
    private let transport: any HTTPTransport
    private let configuration: SandboxServer.Configuration
    private let logger: Logger
    /// Pushes waiting, ordered by when they are due.
    private var queue: [PendingPush] = []
    private var nextID = 1
    private var inFlight = 0
    /// The latest tries (at most `logLimit`), oldest first.
    private(set) var attempts: [PushAttempt] = []
    private let logLimit = 10_000
    private(set) var statistics = Statistics()

    /// Counts of the pushes since the sandbox started, for `/_sandbox/state`.
    public struct Statistics: Codable, Sendable {
        /// Pushes queued.
        public var queued = 0
        /// Pushes the receiver accepted.
        public var accepted = 0
        /// Pushes given up on after the provider's number of tries.
        public var abandoned = 0
        /// Tries made, first tries and retries.
        public var attempts = 0
        /// Tries that were retries.
        public var retries = 0
        /// Records in the accepted pushes (a push of receipts can carry many).
        public var recordsAccepted = 0
    }

    init(transport: any HTTPTransport, configuration: SandboxServer.Configuration, logger: Logger) {
        self.transport = transport
        self.configuration = configuration
        self.logger = logger
    }

    /// Queues a push to `url`, first tried after `delay` (sandbox clock); with `freshBody`, each try's body is
    /// made when it is sent.
    func enqueue(
        _ kind: PendingPush.Kind, to url: URL, contentType: String, body: Data,
        freshBody: (@Sendable () -> Data)? = nil, records: Int, after delay: Duration
    ) {
        let push = PendingPush(
            id: nextID, kind: kind, url: url, contentType: contentType, body: body, freshBody: freshBody,
            records: records, due: ContinuousClock.now.advanced(by: configuration.scaled(delay)))
        nextID += 1
        statistics.queued += 1
        insert(push)
    }

    private func insert(_ push: PendingPush) {
        var low = 0
        var high = queue.count
        while low < high {
            let middle = (low + high) / 2
            if queue[middle].due <= push.due { low = middle + 1 } else { high = middle }
        }
        queue.insert(push, at: low)
    }

    /// The next push that is due, or how long until one is.
    private func take() -> (PendingPush?, Duration) {
        guard let first = queue.first else { return (nil, .milliseconds(50)) }
        let now = ContinuousClock.now
        guard first.due <= now else { return (nil, min(now.duration(to: first.due), .milliseconds(50))) }
        inFlight += 1
        return (queue.removeFirst(), .zero)
    }

    /// Pushes not yet accepted or abandoned (waiting or in flight).
    var outstanding: Int { queue.count + inFlight }

    private func finish(_ push: PendingPush, status: Int?, answer: String, accepted: Bool) {
        inFlight -= 1
        var push = push
        push.attempts += 1
        statistics.attempts += 1
        if push.attempts > 1 { statistics.retries += 1 }
        let waits = push.retryWaits
        let final = accepted || push.attempts > waits.count
        var components = URLComponents(url: push.url, resolvingAgainstBaseURL: false)
        components?.query = nil
        attempts.append(
            PushAttempt(
                push: push.id, kind: push.kind.rawValue, url: components?.string ?? "", attempt: push.attempts,
                records: push.records, time: Date(), status: status, answer: answer, accepted: accepted, final: final))
        if attempts.count > logLimit { attempts.removeFirst(attempts.count - logLimit) }
        if accepted {
            statistics.accepted += 1
            statistics.recordsAccepted += push.records
        } else if final {
            statistics.abandoned += 1
            logger.warning(
                "gave up on push \(push.id) (\(push.kind.rawValue), \(push.records) record(s)) after \(push.attempts) tries: \(answer)"
            )
        } else {
            push.due = ContinuousClock.now.advanced(by: configuration.scaled(waits[push.attempts - 1]))
            insert(push)
        }
    }

    /// Delivers pushes until cancelled, `configuration.pushConcurrency` at a time.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, configuration.pushConcurrency) {
                group.addTask { await self.work() }
            }
        }
    }

    private func work() async {
        while !Task.isCancelled {
            let (next, wait) = take()
            guard let push = next else {
                try? await Task.sleep(for: wait)
                continue
            }
            let request = HTTPRequest(
                method: .post, url: push.url, headers: ["Content-Type": push.contentType],
                body: push.freshBody?() ?? push.body)
            do {
                let response = try await transport.send(request)
                let preview = String(decoding: response.body.prefix(200), as: UTF8.self)
                finish(
                    push, status: response.status, answer: preview,
                    accepted: push.accepts(status: response.status, body: response.body))
            } catch {
                finish(push, status: nil, answer: error.description, accepted: false)
            }
        }
    }
}
