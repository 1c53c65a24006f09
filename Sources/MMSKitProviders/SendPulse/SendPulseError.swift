/// What went wrong talking to SendPulse: its error code and message verbatim with the documented meaning, a
/// rate limit that outlasted the retries, missing settings, or the network.
public enum SendPulseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SendPulse refused the request (an error code, or an error status without one).
    case api(endpoint: String, httpStatus: Int, code: Int?, message: String)
    /// HTTP 429 or error 2020202020, still after the bounded retries: not processed.
    case rateLimited(endpoint: String, httpStatus: Int, code: Int?, message: String)
    /// The client has no REST API id and secret; nothing was sent.
    case missingCredentials
    /// A setting that cannot be used, named with what to write instead.
    case badSetting(String)
    /// No complete answer came from `endpoint`.
    case transport(endpoint: String, TransportError)
    /// SendPulse answered something the client cannot read.
    case unreadableResponse(ProviderResponseError)

    /// What failed, with SendPulse's code and message verbatim, its documented meaning and a hint where known.
    public var description: String {
        switch self {
        case .api(let endpoint, let status, let code, let message),
            .rateLimited(let endpoint, let status, let code, let message):
            let what = code.map { "error \($0)\(meaning.map { " (\($0))" } ?? "")" } ?? "an error"
            let hint = hint.map { ": \($0)" } ?? ""
            let retried = isRateLimited ? " (still after retrying with back-off; nothing was processed)" : ""
            return "SendPulse \(endpoint) answered \(what), HTTP \(status): \"\(message)\"\(retried)\(hint)"
        case .missingCredentials:
            return "SendPulse credentials are missing: \(hint ?? "")"
        case .badSetting(let problem):
            return "SendPulse setting: \(problem)"
        case .transport(let endpoint, let error):
            return "SendPulse \(endpoint): \(error)"
        case .unreadableResponse(let error):
            return error.description
        }
    }

    var isRateLimited: Bool {
        if case .rateLimited = self { true } else { false }
    }
}

extension SendPulseError: ProviderFailure {
    /// `SendPulse`.
    public var provider: String { SendPulseClient.providerName }

    /// SendPulse's error code, when the answer had one.
    public var code: String? {
        switch self {
        case .api(_, _, let code, _), .rateLimited(_, _, let code, _): code.map(String.init)
        default: nil
        }
    }

    /// SendPulse's message, verbatim, for a refusal or a rate limit.
    public var providerMessage: String? {
        switch self {
        case .api(_, _, _, let message), .rateLimited(_, _, _, let message): message
        default: nil
        }
    }

    /// What SendPulse documents the code to mean, or what a rate limit means.
    public var meaning: String? {
        switch self {
        case .api(_, _, let code?, _), .rateLimited(_, _, let code?, _): SendPulseErrorCatalog.meaning(of: code)
        case .rateLimited: "too many requests (over the plan's per-minute or per-day quota)"
        default: nil
        }
    }

    /// What to do where known: check the credentials after a 401, the documented hint for a code, wait out a
    /// quota, or set the missing credentials.
    public var hint: String? {
        switch self {
        case .api(_, 401, _, _):
            "check MMSKIT_SENDPULSE_CLIENT_ID and MMSKIT_SENDPULSE_CLIENT_SECRET (the REST API's ID and Secret)"
        case .api(_, _, let code?, _), .rateLimited(_, _, let code?, _): SendPulseErrorCatalog.hint(for: code)
        case .rateLimited: "the plan's quota is used up for now; resume later with --resume"
        case .missingCredentials:
            "set MMSKIT_SENDPULSE_CLIENT_ID and MMSKIT_SENDPULSE_CLIENT_SECRET (or sendpulse.client_id and sendpulse.client_secret in ~/.config/mmskit/credentials.yml)"
        default: nil
        }
    }

    /// The HTTP status of a refusal, a rate limit or an unreadable answer.
    public var httpStatus: Int? {
        switch self {
        case .api(_, let status, _, _), .rateLimited(_, let status, _, _): status
        case .unreadableResponse(let error): error.status
        default: nil
        }
    }

    /// A rate limit was not processed; a 5xx may have been; a transport failure is what it says; SendPulse
    /// refused the rest.
    public var delivery: RequestDelivery {
        switch self {
        case .rateLimited: .notSent
        case .transport(_, let error): RequestDelivery(error)
        case .api(_, let status, _, _): status >= 500 ? .uncertain : .refused
        case .unreadableResponse(let error): error.delivery
        case .missingCredentials, .badSetting: .refused
        }
    }

    /// An empty message (13, 721): the user's input (exit 1).
    public var isContentError: Bool {
        if case .api(_, _, let code?, _) = self { [13, 721].contains(code) } else { false }
    }
}
