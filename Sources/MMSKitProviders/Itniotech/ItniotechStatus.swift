/// itniotech's status codes (the reference's table): what each means and, where the cause is known, what to do.
public enum ItniotechStatus {
    /// Which API a code came from: the SMS API numbers some causes differently (-16 is its expired timestamp).
    public enum API: Sendable, Hashable {
        /// The email API (send records).
        case email
        /// The SMS API (the balance).
        case sms
    }

    /// The code for success.
    public static let ok = 0
    /// More than 200 ids in one query: mmskit cuts queries to 200, so this means the limit changed.
    public static let tooManyIDs = -28

    /// The documented meaning of `code`, or nil for a code the reference does not give.
    public static func meaning(of code: Int, api: API) -> String? {
        switch (code, api) {
        case (0, _): "ok"
        case (-1, _): "authentication error"
        case (-4, _): "user locked"
        case (-5, .email): "field empty or bad query id"
        case (-6, .email), (-16, .sms): "timestamp expired"
        case (-8, _): "IP not allowed"
        case (-23, .email): "port or program error"
        case (-24, .email): "account not verified"
        case (-28, .email): "more than 200 ids in one query"
        default: nil
        }
    }

    /// What to do about `code`, when there is something useful to say.
    public static func hint(for code: Int, api: API) -> String? {
        switch (code, api) {
        case (-1, _):
            "check MMSKIT_ITNIOTECH_API_KEY and MMSKIT_ITNIOTECH_API_SECRET (or itniotech.api_key and itniotech.api_secret in ~/.config/mmskit/credentials.yml)"
        case (-4, _): "the account is locked; contact itniotech support"
        case (-5, .email): "check --app-id and the ids: each must be an email id of that application"
        case (-6, .email), (-16, .sms):
            "your clock is off: the Timestamp header is the current Unix time; sync the clock (e.g. with NTP) and retry"
        case (-8, _): "this machine's IP address is not on the account's allow list; add it in the itniotech console"
        case (-23, .email): "an error on itniotech's side; retry later"
        case (-24, .email): "verify the account in the itniotech console first"
        case (-28, .email):
            "mmskit sends at most 200 ids per query, so itniotech's limit has changed; report this to the mmskit maintainers"
        default: nil
        }
    }
}
