/// What a failed request means for sending it again: the ONE classification every retry decision uses.
public enum RequestDelivery: String, Sendable, Hashable {
    /// The request never reached the provider, or it refused to process it for now (a rate limit): always
    /// safe to send again.
    case notSent
    /// It may have been processed (timeout, lost connection, 5xx): safe only where the provider de-duplicates.
    case uncertain
    /// The provider refused it: sending it again will fail the same way.
    case refused

    /// What a transport failure means: never sent, maybe processed, or (a redirect, which is not followed)
    /// refused: nothing was delivered and sending again would be redirected the same way.
    public init(_ error: TransportError) {
        switch error.kind {
        case .connectionFailed, .authenticationFailed: self = .notSent
        case .redirected: self = .refused
        case .timedOut, .connectionLost, .answerTooLarge, .other: self = .uncertain
        }
    }

    /// What an HTTP status without a readable answer means. Only an answer that says "refused" is final: a 4xx
    /// (the request was not accepted for processing) or a 3xx (a redirect, never followed). 429 was not processed.
    /// Anything else — a 2xx whose body is empty, cut or not the provider's (a proxy's HTML page), a 5xx, an
    /// unknown status — may have been carried out, so it is uncertain, never refused.
    public init(httpStatus: Int) {
        switch httpStatus {
        case 429: self = .notSent
        case 300..<500: self = .refused
        default: self = .uncertain
        }
    }
}
