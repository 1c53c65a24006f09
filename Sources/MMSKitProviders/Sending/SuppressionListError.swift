import MMSKit

/// The suppression list could not be asked about a chunk, so the chunk was not sent (exit status 2: the store or
/// the file, not the campaign, is at fault; the journal lets the campaign resume).
public struct SuppressionListError: Error, Sendable, Equatable, CustomStringConvertible, ClassifiedFailure {
    /// What happened and what to do.
    public var reason: String
    public var description: String { reason }
    public var isContentError: Bool { false }
}
