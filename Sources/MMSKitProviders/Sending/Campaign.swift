import Foundation
import MMSKit

/// A campaign's message as a provider sends it: what defines it (fingerprinted into the journal, so a resume
/// cannot send something else), what the lint gate checks, and the dispatcher that sends its chunks.
public struct Campaign: Sendable {
    /// The parts that define the message, the send time excluded (it may change on resume).
    public var parts: [Data]
    /// Where version 1 journals put the send time among the parts, for providers whose journals had it.
    public var legacySendTimePart: Int?
    /// The request body the lint gate checks before anything is sent (the recipients left empty), when the
    /// message has content of the user's.
    public var lintTarget: LintTarget?
    /// The most numbers one request may carry.
    public var maximumChunkSize: Int
    /// The dispatcher for chunks of at most `chunkSize` numbers, sent at `sendTime` (nil: at once).
    public var dispatcher: @Sendable (_ sendTime: String?, _ chunkSize: Int) -> any BatchDispatcher

    /// A campaign defined by `parts`, whose chunks `dispatcher` sends, at most `maximumChunkSize` numbers each.
    public init(
        parts: [Data], legacySendTimePart: Int? = nil, lintTarget: LintTarget? = nil, maximumChunkSize: Int,
        dispatcher: @escaping @Sendable (_ sendTime: String?, _ chunkSize: Int) -> any BatchDispatcher
    ) {
        self.parts = parts
        self.legacySendTimePart = legacySendTimePart
        self.lintTarget = lintTarget
        self.maximumChunkSize = maximumChunkSize
        self.dispatcher = dispatcher
    }

    /// The provider its chunks go through (`BatchDispatcher.provider`, e.g. `ihuyi`), as its journal records it.
    public var provider: ProviderID { dispatcher(nil, maximumChunkSize).provider }

    /// The journal's fingerprint of the message.
    public var fingerprint: String { MessageFingerprint.sha256(parts) }

    /// The fingerprint a version 1 journal recorded, where the send time was one of the parts.
    public func legacyFingerprint(sendTime: String?) -> String {
        guard let index = legacySendTimePart else { return fingerprint }
        var legacy = parts
        legacy.insert(Data((sendTime ?? "").utf8), at: index)
        return MessageFingerprint.sha256(legacy)
    }

    /// `requested` numbers per request, at most the provider's maximum.
    public func chunkSize(_ requested: Int?) -> Int {
        requested.map { min(max(1, $0), maximumChunkSize) } ?? maximumChunkSize
    }
}

/// A request body for the lint gate: the bytes, how to read them, and the rules that do not apply yet (the
/// parts filled in per request, such as the recipients and the signature).
public struct LintTarget: Sendable {
    /// The request body, as it would be sent but for the per-request parts.
    public var body: Data
    /// How the linter reads the body (a batchSend body, say).
    public var kind: DocumentKind
    /// Rules about parts filled in per request (the recipients), which the lint gate skips.
    public var disabledRules: [RuleID]

    /// A lint target for `body` read as `kind`, skipping `disabledRules`.
    public init(body: Data, kind: DocumentKind, disabledRules: [RuleID] = []) {
        self.body = body
        self.kind = kind
        self.disabledRules = disabledRules
    }
}
