import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A client that holds a connection the way a slowloris attack does: it sends `opening`, then one byte of
/// `trickle` every `interval` (round and round; an empty trickle stays silent), and watches for the server to end
/// the stream (end of file or a reset), then for the server to stop taking bytes (a send fails: its socket is
/// closed). It gives up after `patience`. Runs on its own thread, never blocking Swift's cooperative pool.
enum TricklingClient {
    struct Outcome: Sendable, CustomStringConvertible {
        /// What the server sent before it ended the stream.
        var received = ""
        /// Whether the server ended the stream within the patience.
        var serverEnded = false
        /// Whether, after that, a send failed within the patience: the server no longer reads the connection.
        var serverStoppedReading = false

        var description: String {
            "ended: \(serverEnded), stopped reading: \(serverStoppedReading), received: \(received.debugDescription)"
        }
    }

    static func run(
        port: Int, opening: Data, trickle: Data, interval: Duration = .milliseconds(50),
        patience: Duration = .seconds(30)
    ) async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(
                    with: Result {
                        try blockingRun(
                            port: port, opening: opening, trickle: Array(trickle), interval: interval,
                            patience: patience)
                    })
            }.start()
        }
    }

    private static func blockingRun(
        port: Int, opening: Data, trickle: [UInt8], interval: Duration, patience: Duration
    ) throws -> Outcome {
        let descriptor = try RawHTTPClient.connectedSocket(port: port)
        defer { close(descriptor) }
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: patience)
        let milliseconds = Int32(
            interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        var outcome = Outcome()
        var received = Data()
        var sent = 0
        var sending = RawHTTPClient.sendAll(opening, on: descriptor)
        while !outcome.serverEnded && clock.now < giveUp {
            if sending && !trickle.isEmpty {
                sending = RawHTTPClient.sendAll(Data([trickle[sent % trickle.count]]), on: descriptor)
                sent += 1
            }
            var watched = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&watched, 1, milliseconds) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                received.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                outcome.serverEnded = true
            }
        }
        outcome.received = String(decoding: received, as: UTF8.self)
        let filler = trickle.isEmpty ? Array("\r\n".utf8) : trickle
        while outcome.serverEnded && !outcome.serverStoppedReading && clock.now < giveUp {
            if RawHTTPClient.sendAll(Data([filler[sent % filler.count]]), on: descriptor) {
                sent += 1
                RawHTTPClient.sleep(for: interval)
            } else {
                outcome.serverStoppedReading = true
            }
        }
        return outcome
    }
}
