import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--log-format text` (the default): swift-log's stream format, `2026-12-07T15:00:00+0800 warning mmskit.receiver:
/// key=value [MMSKitServer] message`, one line per event on standard error, written with one `write(2)`.
///
/// Unlike swift-log's `StreamLogHandler`, the metadata is rendered when a line is logged, not when it is set:
/// Hummingbird gives every request's logger a request id, and rendering it for every request (almost none of
/// which log anything) took 2–3 % of the receiver's CPU under load (perf, `Benchmarks/receiver-throughput.sh`).
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable (Data) -> Void

    /// A handler for `label` writing each line with `write` (standard error by default).
    /// - Parameters:
    ///   - label: the logger's label.
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
        var merged = metadata
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let rendered = merged.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        let line =
            "\(Self.timestamp()) \(event.level)\(label.isEmpty ? "" : " ")\(label):\(rendered) [\(event.source)] \(event.message)\n"
        write(Data(line.utf8))
    }

    /// The local time as swift-log's stream handler writes it (`%Y-%m-%dT%H:%M:%S%z`).
    static func timestamp() -> String {
        var now = time(nil)
        var local = tm()
        guard localtime_r(&now, &local) != nil else { return "<unknown>" }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
