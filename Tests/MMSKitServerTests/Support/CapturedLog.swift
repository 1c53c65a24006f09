import Logging
import Synchronization

/// A swift-log handler that keeps every message, so tests can check what the receiver logged (and that no
/// secret was).
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var messages: [String] { lines.withLock { $0 } }
    var text: String { messages.joined(separator: "\n") }

    func logger() -> Logger {
        var logger = Logger(label: "mmskit.receiver.test") { _ in Handler(log: self) }
        logger.logLevel = .info
        return logger
    }

    fileprivate func append(_ line: String) { lines.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            log.append("\(event.level): \(event.message)\(all.isEmpty ? "" : " \(all)")")
        }
    }
}
