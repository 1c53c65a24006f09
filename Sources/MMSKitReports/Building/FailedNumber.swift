import Foundation
import MMSKit
import MMSKitStore

/// One number behind a failure code: what `mmskit report --failures FILE` writes, one per line.
public struct FailedNumber: Codable, Sendable, Equatable {
    /// The campaign's journal, as named on the command line.
    public var journal: String
    /// The number.
    public var phone: String
    /// Whether the provider refused it when sent, or its delivery report failed.
    public var stage: FailureCount.Stage
    /// The code (empty when none was given).
    public var code: String
    /// What the code means, where known.
    public var meaning: String?
    /// The task the number was sent in, when the provider names one.
    public var taskID: String?
    /// When the failure was reported, as the provider wrote it (nil for a refusal: the journal has the chunk's time).
    public var time: String?

    /// A failed number with every field given.
    public init(
        journal: String, phone: String, stage: FailureCount.Stage, code: String, meaning: String?, taskID: String?,
        time: String?
    ) {
        self.journal = journal
        self.phone = phone
        self.stage = stage
        self.code = code
        self.meaning = meaning
        self.taskID = taskID
        self.time = time
    }

    private enum CodingKeys: String, CodingKey {
        case journal, phone, stage, code, meaning
        case taskID = "task_id"
        case time
    }

    /// The first line of a file in `format` (CSV's header row), if it has one.
    /// - Parameter format: CSV or JSON lines, as `receipts export` writes them.
    public static func header(_ format: PushExportFormat) -> String? {
        format == .csv ? "journal,phone,stage,code,meaning,task_id,time\r\n" : nil
    }

    /// The number as one line of `format`, line break included.
    /// - Parameter format: CSV (RFC 4180 quoting where a field needs it) or JSON lines.
    public func line(_ format: PushExportFormat) -> String {
        switch format {
        case .csv:
            [journal, phone, stage.rawValue, code, meaning ?? "", taskID ?? "", time ?? ""]
                .map(PushExportFormat.quoted).joined(separator: ",") + "\r\n"
        case .jsonl:
            ((try? Self.encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
