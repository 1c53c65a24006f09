import Foundation
import Logging
import Synchronization

/// `--log-format json`: one JSON object per line on standard error, for log shippers (Loki, Vector, Fluent Bit,
/// CloudWatch): `time` (ISO 8601, UTC, milliseconds), `level`, `label`, `message`, then the metadata as string
/// fields, keys sorted. A line is written with one `write(2)`, so lines from concurrent tasks never interleave.
/// The receiver never logs a token, a secret or a signature, in either format.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (Data) -> Void

    /// A handler for `label` writing each line with `write` (standard error by default).
    /// - Parameters:
    ///   - label: the logger's label, written as `label`.
    ///   - write: where a line goes; the default writes it to standard error in one call.
    public init(label: String, write: @escaping @Sendable (Data) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key] = "\(value)"
        }
        object["time"] = Date().formatted(Self.timeStyle)
        object["level"] = event.level.rawValue
        object["label"] = label
        object["message"] = "\(event.message)"
        guard
            var line = try? JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        line.append(0x0A)
        write(line)
    }

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Writes `line` to standard error in one call (retrying a short write), serialised with every other line.
    public static let standardError: @Sendable (Data) -> Void = { line in
        lock.withLock { _ in
            line.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(2, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }

    private static let lock = Mutex(())
}

/// How the receiver's log lines look: `text` (swift-log's stream format, for people; `TextLogHandler`) or `json`.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json

    /// A logger for `label` in this format, at `level`, on standard error.
    public func logger(label: String, level: Logger.Level = .info) -> Logger {
        var logger =
            switch self {
            case .text: Logger(label: label) { TextLogHandler(label: $0) }
            case .json: Logger(label: label) { JSONLogHandler(label: $0) }
            }
        logger.logLevel = level
        return logger
    }
}
