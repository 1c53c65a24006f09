import Foundation
import MMSKitProviders
import MMSKitStore

/// Re-delivers stored records to an application (`mmskit receipts replay`), in arrival order, each signed as the
/// forwarder signs it and with the same `webhook-id`, so an application that kept the ids skips what it has.
/// A record is tried `attempts` times (waiting 1 s, 2 s, …); one that is still refused stops the replay.
public struct WebhookReplay: Sendable {
    /// The application to deliver to.
    public var endpoint: URL
    /// Signs every message as the forwarder does.
    public var signer: StandardWebhookSigner
    /// Sends the messages.
    public var transport: any HTTPTransport
    /// Tries per record, at least 1.
    public var attempts: Int
    /// Waits between tries (tests record the waits instead).
    public var sleep: @Sendable (Duration) async -> Void

    /// A replay to `endpoint`, trying each record `attempts` times (3 by default).
    public init(
        endpoint: URL, signer: StandardWebhookSigner, transport: any HTTPTransport, attempts: Int = 3,
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }
    ) {
        self.endpoint = endpoint
        self.signer = signer
        self.transport = transport
        self.attempts = max(1, attempts)
        self.sleep = sleep
    }

    /// Sends every record of `records`; returns how many were delivered.
    /// - Throws: `WebhookReplayError` naming the record that could not be delivered and how many were.
    public func replay(_ records: StoredPushSequence, progress: (Int) -> Void = { _ in }) async throws -> Int {
        var delivered = 0
        for try await push in records {
            let message = WebhookMessage(push)
            var reason = ""
            for attempt in 1...attempts {
                if attempt > 1 { await sleep(.seconds(1 << (attempt - 2))) }
                do {
                    let response = try await transport.send(message.request(to: endpoint, signer: signer, now: Date()))
                    if (200..<300).contains(response.status) {
                        reason = ""
                        break
                    }
                    reason = "HTTP \(response.status)"
                } catch {
                    reason = error.description
                }
            }
            guard reason.isEmpty else {
                throw WebhookReplayError(push: push, delivered: delivered, reason: reason, endpoint: endpoint)
            }
            delivered += 1
            progress(delivered)
        }
        return delivered
    }
}

/// A replay that stopped: which record was refused, why, and how to go on from it.
public struct WebhookReplayError: Error, Sendable, CustomStringConvertible {
    /// The record the application did not take.
    public var push: StoredPush
    /// How many records were delivered before it.
    public var delivered: Int
    /// The last try's failure: an HTTP status or a transport error.
    public var reason: String
    /// The application that refused it.
    public var endpoint: URL

    /// What was refused and why, and how to go on from that record with `--since`.
    public var description: String {
        "\(URLRedaction.redact(endpoint)) did not take record \(push.id) (\(reason)) after \(delivered) delivered; "
            + "fix the endpoint and run the replay again with --since \(StoredPush.timestamp(push.receivedAt))"
    }
}
