/// What went wrong talking to itniotech: its status code and reason verbatim with their documented meaning, a
/// field that is not what the reference says, missing credentials, or the network.
public enum ItniotechError: Error, Sendable, Equatable, CustomStringConvertible {
    /// itniotech answered with a non-zero `status` (HTTP 200 included: that is never a success).
    case api(endpoint: String, api: ItniotechStatus.API, status: Int, reason: String, httpStatus: Int = 200)
    /// The client has no API key pair; nothing was sent.
    case missingCredentials
    /// A setting that cannot be used (`records_method`), named with what to write instead.
    case badSetting(String)
    /// A record query without ids; nothing was sent.
    case noIDs
    /// A field of the answer that is missing or not what the reference says (numbers arrive as strings).
    case badField(endpoint: String, field: String, value: String)
    /// No complete answer came from `endpoint`.
    case transport(endpoint: String, TransportError)
    /// itniotech answered something the client cannot read.
    case unreadableResponse(ProviderResponseError)
    /// HTTP 429: not processed; the same request may be sent again later.
    case rateLimited(RateLimitError)

    /// What failed, with itniotech's status and reason verbatim, their documented meaning and a hint where known.
    public var description: String {
        switch self {
        case .api(let endpoint, _, let status, let reason, _):
            let meaning = meaning.map { " (\($0))" } ?? ""
            let hint = hint.map { ": \($0)" } ?? ""
            return "itniotech \(endpoint) refused the request: status \(status)\(meaning), \"\(reason)\"\(hint)"
        case .missingCredentials:
            return "itniotech credentials are missing: \(hint ?? "")"
        case .badSetting(let problem):
            return "itniotech setting: \(problem)"
        case .noIDs:
            return "no ids to query: \(hint ?? "")"
        case .badField(let endpoint, let field, let value):
            return
                "itniotech \(endpoint) answered with \(field) = \(value), which is not what its reference documents; the answer was not used"
        case .transport(let endpoint, let error):
            return "itniotech \(endpoint): \(error)"
        case .unreadableResponse(let error):
            return error.description
        case .rateLimited(let error):
            return error.description
        }
    }
}

extension ItniotechError: ProviderFailure {
    /// `itniotech`.
    public var provider: String { ItniotechClient.providerName }

    /// itniotech's `status`, for a refusal (`api`).
    public var code: String? {
        if case .api(_, _, let status, _, _) = self { String(status) } else { nil }
    }

    /// itniotech's `reason`, verbatim, for a refusal.
    public var providerMessage: String? {
        if case .api(_, _, _, let reason, _) = self { reason } else { nil }
    }

    /// What the reference says the status means for the API called, when it documents it.
    public var meaning: String? {
        if case .api(_, let api, let status, _, _) = self { ItniotechStatus.meaning(of: status, api: api) } else { nil }
    }

    /// What to do about a documented status, missing credentials or missing ids.
    public var hint: String? {
        switch self {
        case .api(_, let api, let status, _, _): ItniotechStatus.hint(for: status, api: api)
        case .missingCredentials:
            "set MMSKIT_ITNIOTECH_API_KEY and MMSKIT_ITNIOTECH_API_SECRET (or itniotech.api_key and itniotech.api_secret in ~/.config/mmskit/credentials.yml)"
        case .noIDs: "give ids with --ids ID,…, --ids-file FILE or --ids-file - (stdin)"
        default: nil
        }
    }

    /// The HTTP status of a refusal or an unreadable answer, or 429 for a rate limit.
    public var httpStatus: Int? {
        switch self {
        case .api(_, _, _, _, let status): status
        case .unreadableResponse(let error): error.status
        case .rateLimited: 429
        default: nil
        }
    }

    /// Rate limits were not processed; a transport failure is what it says; an unreadable answer goes by its
    /// status; everything else was refused.
    public var delivery: RequestDelivery {
        switch self {
        case .rateLimited: .notSent
        case .transport(_, let error): RequestDelivery(error)
        case .unreadableResponse(let error): error.delivery
        case .api, .missingCredentials, .badSetting, .noIDs, .badField: .refused
        }
    }

    /// The `Retry-After` of a 429 answer, when itniotech sent one.
    public var retryAfter: Duration? {
        if case .rateLimited(let limit) = self { limit.retryAfter } else { nil }
    }

    /// A query for ids itniotech calls bad (-5), or no ids at all: the user's input (exit 1).
    public var isContentError: Bool {
        switch self {
        case .api(_, .email, -5, _, _), .noIDs: true
        default: false
        }
    }
}
