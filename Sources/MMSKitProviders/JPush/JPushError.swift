/// Why a JPush call failed: the provider's answer, missing configuration, a rejected input, or the network.
public enum JPushError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Which set of credentials a call needs.
    public enum CredentialSet: Sendable, Equatable {
        /// The app key and master secret.
        case app
        /// The developer key and secret (account balance only).
        case developer

        /// The environment variables that provide this set.
        public var variables: [String] {
            switch self {
            case .app: [JPushCredentials.appKeyVariable, JPushCredentials.masterSecretVariable]
            case .developer: [JPushDeveloperCredentials.devKeyVariable, JPushDeveloperCredentials.devSecretVariable]
            }
        }

        /// The same settings as the credentials file names them.
        var fileKeys: String {
            switch self {
            case .app: "jpush.app_key and jpush.master_secret"
            case .developer: "jpush.dev_key and jpush.dev_secret"
            }
        }
    }

    /// JSMS refused the request: the HTTP status, the JSMS code and the provider's message, verbatim.
    case api(status: Int, code: Int, message: String)
    /// The call needs credentials the client was not given.
    case missingCredentials(CredentialSet)
    /// A template draft breaks a JSMS rule; nothing was sent.
    case invalidDraft(String)
    /// A batch has more than 1000 recipients; nothing was sent.
    case tooManyRecipients(Int)
    /// A batch has no recipients; nothing was sent.
    case noRecipients
    /// No complete HTTP response arrived.
    case transport(TransportError)
    /// JPush answered with something that is not the expected JSON.
    case unreadableResponse(ProviderResponseError)
    /// HTTP 429: JPush did not process the request; sending it again later is safe.
    case rateLimited(RateLimitError)

    /// Whether the user's content is at fault (a template draft that breaks a JSMS rule), not the tool, the
    /// network or the provider: the CLI exits 1 for these, as for any content with errors.
    public var isContentError: Bool {
        if case .invalidDraft = self { true } else { false }
    }

    /// The documented meaning of a JSMS error code, or nil for a code not in the reference.
    public static func meaning(ofCode code: Int) -> String? { JPushErrorCatalog.entry(for: code)?.meaning }

    /// What to do about a JSMS error code, when there is something useful to say.
    public static func hint(forCode code: Int) -> String? { JPushErrorCatalog.entry(for: code)?.hint }

    /// The documented meaning of the JSMS code, for `.api` errors.
    public var meaning: String? {
        guard case .api(_, let code, _) = self else { return nil }
        return Self.meaning(ofCode: code)
    }

    /// What the user can do about this error, when there is something useful to say.
    public var hint: String? {
        switch self {
        case .api(_, let code, _): Self.hint(forCode: code)
        case .missingCredentials(let set):
            "set \(set.variables.joined(separator: " and ")) (or \(set.fileKeys) in the credentials file)"
        case .tooManyRecipients: "at most \(JPushClient.maximumBatchSize) per request: split the batch"
        case .noRecipients: "give at least one recipient"
        case .invalidDraft, .transport, .unreadableResponse, .rateLimited: nil
        }
    }

    /// What failed, with JSMS's code and message verbatim where it answered, or what to set or change.
    public var description: String {
        switch self {
        case .api(let status, let code, let message):
            let meaning = meaning.map { " (\($0))" } ?? ""
            let hint = hint.map { ": \($0)" } ?? ""
            return "JPush error \(code)\(meaning), HTTP \(status): \"\(message)\"\(hint)"
        case .missingCredentials(let set):
            let name = set == .app ? "app" : "developer"
            return "JPush \(name) credentials are missing: \(hint ?? "")"
        case .invalidDraft(let reason):
            return "invalid JPush template: \(reason)"
        case .tooManyRecipients(let count):
            return "a JPush batch has \(count) recipients; \(hint ?? "")"
        case .noRecipients:
            return "a JPush batch has no recipients: \(hint ?? "")"
        case .transport(let error):
            return "JPush: \(error)"
        case .unreadableResponse(let error):
            return error.description
        case .rateLimited(let error):
            return error.description
        }
    }
}

extension JPushError: ProviderFailure {
    /// `JPush`.
    public var provider: String { JPushClient.providerName }

    /// JSMS's error code, for an error answer (`api`).
    public var code: String? {
        if case .api(_, let code, _) = self { String(code) } else { nil }
    }

    /// JSMS's message, verbatim, for an error answer.
    public var providerMessage: String? {
        if case .api(_, _, let message) = self { message } else { nil }
    }

    /// The HTTP status of an error or unreadable answer, or 429 for a rate limit.
    public var httpStatus: Int? {
        switch self {
        case .api(let status, _, _): status
        case .unreadableResponse(let error): error.status
        case .rateLimited: 429
        default: nil
        }
    }

    /// 429 and the frequency-limit refusal (50009) were not processed; a 5xx may have been; JPush refused the rest.
    public var delivery: RequestDelivery {
        switch self {
        case .rateLimited, .api(_, JPushErrorCatalog.frequencyLimit, _): .notSent
        case .transport(let error): RequestDelivery(error)
        case .unreadableResponse(let error): error.delivery
        case .api(let status, _, _): status >= 500 ? .uncertain : .refused
        case .missingCredentials, .invalidDraft, .tooManyRecipients, .noRecipients: .refused
        }
    }

    /// The `Retry-After` of a 429 answer, when JPush sent one.
    public var retryAfter: Duration? {
        if case .rateLimited(let limit) = self { limit.retryAfter } else { nil }
    }
}
