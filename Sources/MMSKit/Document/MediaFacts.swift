import Foundation

/// What decoding and sniffing a media item's `data` found, computed once for every rule that needs it.
public struct MediaFacts: Sendable {
    /// The decoded bytes, when `data` was strict base64 (or the file, for a directory).
    public var bytes: Data?
    /// Why `data` is not strict base64, when it is not.
    public var base64Error: Base64Error?
    /// The sniffed media when libmagic and the structural walk accepted it.
    public var sniffed: SniffedMedia?
    /// Problems the sniffer found: rule id, severity and message (format, integrity, mismatch, audio-only).
    public var problems: [(severity: Diagnostic.Severity, ruleID: RuleID, message: String)]

    /// Facts with the given findings.
    public init(
        bytes: Data?, base64Error: Base64Error? = nil, sniffed: SniffedMedia? = nil,
        problems: [(severity: Diagnostic.Severity, ruleID: RuleID, message: String)] = []
    ) {
        self.bytes = bytes
        self.base64Error = base64Error
        self.sniffed = sniffed
        self.problems = problems
    }
}
