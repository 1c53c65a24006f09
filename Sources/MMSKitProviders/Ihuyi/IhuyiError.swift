/// What went wrong talking to ihuyi, with the provider's code and message verbatim and a hint where we know one.
public enum IhuyiError: Error, Sendable, Equatable, CustomStringConvertible {
    /// ihuyi answered with `code != "OK"`.
    case api(endpoint: String, code: String, message: String)
    /// The client has no `api_id` and `api_key`; nothing was sent.
    case missingCredentials
    /// No complete answer came from `endpoint`.
    case transport(endpoint: String, TransportError)
    /// ihuyi answered something the client cannot read.
    case unreadableResponse(ProviderResponseError)
    /// HTTP 429: not processed; the same request (same request_id) may be sent again later.
    case rateLimited(RateLimitError)

    /// What failed, ihuyi's code and message verbatim with a hint where one is known, or what to set.
    public var description: String {
        switch self {
        case .api(let endpoint, let code, let message):
            let hint = hint.map { " — \($0)" } ?? ""
            return "ihuyi \(endpoint) refused the request: code \(code): \(message)\(hint)"
        case .missingCredentials:
            return
                "ihuyi credentials are missing: set MMSKIT_IHUYI_API_ID and MMSKIT_IHUYI_API_KEY, or add an ihuyi section to ~/.config/mmskit/credentials.yml"
        case .transport(let endpoint, let error):
            return "ihuyi \(endpoint): \(error)"
        case .unreadableResponse(let error):
            return error.description
        case .rateLimited(let error):
            return error.description
        }
    }

    /// The provider's code, when it answered.
    public var code: String? {
        if case .api(_, let code, _) = self { code } else { nil }
    }

    /// Advice for codes and messages whose cause we know (the MMS document publishes no code table; the
    /// numbers are those of ihuyi's older SMS API, the keywords those of its messages).
    public var hint: String? {
        guard case .api(_, let code, let message) = self else { return nil }
        let lower = message.lowercased()
        if lower.contains("timestamp") || message.contains("时间戳") || message.contains("时间") {
            return "your clock is off by more than 60 s (the server allows ±60 s); sync it (e.g. with NTP) and retry"
        }
        if lower.contains("signature") || message.contains("签名错误") || message.contains("鉴权") {
            return "check MMSKIT_IHUYI_API_ID and MMSKIT_IHUYI_API_KEY (the MMS product's, not the SMS product's)"
        }
        if lower.contains("request_id") || message.contains("重复") {
            return "this request_id was used in the last 2 hours; the provider already has this request"
        }
        switch code {
        case "400": return "this server's IP is not on the account's allow list; add it in the ihuyi console"
        case "405": return "wrong api_id or api_key; check MMSKIT_IHUYI_API_ID and MMSKIT_IHUYI_API_KEY"
        case "4051": return "the balance is too low; top up, or check `mmskit balance --provider ihuyi`"
        case "406": return "a phone number is malformed; lint the list with `mmskit lint`"
        case "407": return "the content has sensitive words; reword it"
        case "4070": return "the sign_name format is wrong; use a name in 【】"
        case "4030": return "the number is blacklisted"
        default:
            if code.hasPrefix("408") {
                return "sending too fast or too often to the same number; slow down and retry later"
            }
            return nil
        }
    }

    /// Whether sending the same request again (same request_id) may succeed: anything ihuyi did not refuse
    /// (`delivery`), since it de-duplicates request_ids.
    public var isRetryable: Bool { delivery != .refused }

    /// HTTP 429, or ihuyi refusing because requests come too often (its 408x codes, 频繁 / too frequent):
    /// the request was not processed, so the same request_id may be sent again after a pause.
    public var isRateLimited: Bool {
        switch self {
        case .rateLimited: return true
        case .api(_, let code, let message):
            let lower = message.lowercased()
            return code.hasPrefix("408") && !lower.contains("timestamp") && !message.contains("时间")
                || message.contains("频繁") || lower.contains("too frequent") || lower.contains("rate limit")
        default: return false
        }
    }
}

extension IhuyiError: ProviderFailure {
    /// `ihuyi`.
    public var provider: String { IhuyiClient.providerName }

    /// ihuyi's message when it refused the call (`api`); `nil` otherwise.
    public var providerMessage: String? {
        if case .api(_, _, let message) = self { message } else { nil }
    }

    /// ihuyi's MMS document publishes no code table; `hint` says what its messages and older codes mean.
    public var meaning: String? { nil }

    /// The status of an unreadable answer, or 429 for a rate limit; `nil` otherwise.
    public var httpStatus: Int? {
        switch self {
        case .unreadableResponse(let error): error.status
        case .rateLimited: 429
        default: nil
        }
    }

    /// Rate limits were not processed; a transport failure is what it says; a 5xx without a readable answer may
    /// have been processed; anything else ihuyi refused.
    public var delivery: RequestDelivery {
        switch self {
        case .rateLimited: return .notSent
        case .api where isRateLimited: return .notSent
        case .transport(_, let error): return RequestDelivery(error)
        case .unreadableResponse(let error): return error.delivery
        case .api, .missingCredentials: return .refused
        }
    }

    /// The `Retry-After` of a 429 answer, when ihuyi sent one.
    public var retryAfter: Duration? {
        if case .rateLimited(let limit) = self { limit.retryAfter } else { nil }
    }
}
