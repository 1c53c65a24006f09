/// The JSMS error codes: a short meaning for each documented code and, where one helps, what to do.
enum JPushErrorCatalog {
    struct Entry: Sendable {
        let meaning: String
        let hint: String?
    }

    /// The code JSMS uses for success.
    static let ok = 50000
    /// The code of a refusal for sending too often: the request was not processed.
    static let frequencyLimit = 50009

    static let credentialsHint =
        "check \(JPushCredentials.appKeyVariable)/\(JPushCredentials.masterSecretVariable) "
        + "(for the account balance: \(JPushDeveloperCredentials.devKeyVariable)/\(JPushDeveloperCredentials.devSecretVariable))"

    static func entry(for code: Int) -> Entry? {
        switch code {
        case 50000: Entry(meaning: "ok", hint: nil)
        case 50001: Entry(meaning: "authentication missing", hint: credentialsHint)
        case 50002: Entry(meaning: "authentication failed", hint: credentialsHint)
        case 50003...50005: Entry(meaning: "a required field is missing", hint: nil)
        case 50006: Entry(meaning: "invalid mobile number", hint: "check the recipient's number")
        case 50007: Entry(meaning: "invalid request body", hint: nil)
        case 50008: Entry(meaning: "SMS not enabled", hint: "enable JSMS for the app in the console")
        case 50009: Entry(meaning: "frequency limit reached", hint: "slow down and retry later")
        case 50010...50012: Entry(meaning: "verification code or message state error", hint: nil)
        case 50013: Entry(meaning: "invalid template id", hint: "check temp_id: the template must belong to this app")
        case 50014: Entry(meaning: "no balance", hint: "top up the account, then assign quota to the app")
        case 50015...50019: Entry(meaning: "request error", hint: nil)
        case 50020: Entry(meaning: "template in review", hint: "wait for the template to be approved")
        case 50021:
            Entry(meaning: "template rejected", hint: "fix the template with updateTemplate, then wait for review")
        case 50022:
            Entry(
                meaning: "template parameters not all replaced",
                hint: "give a value for every {{variable}} in the template")
        case 50023:
            Entry(meaning: "template parameters empty", hint: "give a value for every {{variable}} in the template")
        case 50024: Entry(meaning: "recipient unsubscribed", hint: "do not send to this number again")
        case 50025: Entry(meaning: "wrong template type", hint: "use a template of the kind this call sends")
        case 50026: Entry(meaning: "invalid msg_id", hint: nil)
        case 50027...50029: Entry(meaning: "scheduled send error", hint: nil)
        case 50030: Entry(meaning: "recipients empty", hint: "give at least one recipient")
        case 50031: Entry(meaning: "more than 1000 recipients", hint: "at most 1000 per request: split the batch")
        case 50033: Entry(meaning: "app quota not assigned", hint: "assign quota to the app in the console")
        case 50034:
            Entry(meaning: "repeated send", hint: "the same message was just sent to this number; do not resend it")
        case 50035: Entry(meaning: "illegal IP", hint: "add this machine's IP to the app's whitelist in the console")
        case 50036: Entry(meaning: "app blacklisted", hint: "contact JPush support")
        case 50037: Entry(meaning: "sensitive words in content", hint: "reword the content")
        case 50038: Entry(meaning: "content too long", hint: "shorten the content or its parameters")
        case 50039...50041: Entry(meaning: "voice code or ttl error", hint: nil)
        case 50042...50046: Entry(meaning: "template error", hint: nil)
        case 50047: Entry(meaning: "template cannot be updated", hint: "only rejected templates can be updated")
        case 50052, 50054:
            Entry(meaning: "【】 not allowed in content", hint: "remove 【】 from content: JSMS adds the sign itself")
        case 50053: Entry(meaning: "link variable needs a remark", hint: "add a remark describing the {{url}} link")
        case 50101...50105:
            Entry(
                meaning: "sign error",
                hint: "check sign_id: the sign must be approved, 2–8 Chinese/English/digit characters, without 【】"
            )
        default: nil
        }
    }
}
