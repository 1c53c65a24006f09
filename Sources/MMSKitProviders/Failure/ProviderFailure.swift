import MMSKit

/// The one shape of a provider's failure, whichever provider: who failed, its code and message verbatim, what
/// the code means and what to do, the HTTP status, and what the failure means for sending again. Every
/// provider's error type conforms, so the CLI maps any of them to an exit status without per-provider code.
public protocol ProviderFailure: ClassifiedFailure, Sendable {
    /// The provider's display name, e.g. `ihuyi`, `JPush`.
    var provider: String { get }
    /// The provider's error code, verbatim, when it answered with one.
    var code: String? { get }
    /// The provider's error message, verbatim, when it answered with one.
    var providerMessage: String? { get }
    /// What the code means, from the provider's documentation, when known.
    var meaning: String? { get }
    /// What the user can do about it, when there is something useful to say.
    var hint: String? { get }
    /// The HTTP status of the answer, when there was one.
    var httpStatus: Int? { get }
    /// Whether the request may have been processed: drives every retry.
    var delivery: RequestDelivery { get }
    /// How long the provider asked to wait before sending again (`Retry-After`), when it said.
    var retryAfter: Duration? { get }
    /// Whether the user's input is at fault (exit status 1), not the provider, the network or the setup (2).
    var isContentError: Bool { get }
}

extension ProviderFailure {
    /// None, unless the provider's error says otherwise.
    public var retryAfter: Duration? { nil }
    /// No, unless the provider's error says otherwise: a failure is the provider's, the network's or the setup's.
    public var isContentError: Bool { false }
}
