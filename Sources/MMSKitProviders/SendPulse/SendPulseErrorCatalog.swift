/// SendPulse's error codes (the reference's table): the meaning of each, and what to do where that helps.
public enum SendPulseErrorCatalog {
    /// More than 10 requests in a second: the request was not processed.
    public static let tooManyRequests = 2_020_202_020
    /// More than 5 API campaigns in an hour.
    public static let campaignQuota = 791
    /// The balance is too low.
    public static let balanceTooLow = 707

    /// The documented meaning of `code`, or nil for a code the reference does not give.
    public static func meaning(of code: Int) -> String? {
        switch code {
        case 8: "no data"
        case 10: "sender email missing"
        case 11: "recipient addresses not found"
        case 13: "empty message"
        case 14: "email address for the given id not found"
        case 17: "email not found"
        case 19: "email already exists"
        case 20: "free email services not allowed"
        case 21: "no such address awaiting activation"
        case 97: "invalid email type (free service)"
        case 201: "empty mailing-list name"
        case 203: "mailing-list name exists"
        case 211: "mailing list empty"
        case 213: "mailing list not found"
        case 303: "address not in mailing list"
        case 400: "SMTP user does not exist"
        case 502: "email not found"
        case 602: "not found, maybe sent"
        case 701: "sender email or name missing"
        case 703: "mailing list not found"
        case 704: "sender not found"
        case 707: "balance too low"
        case 711: "wait 15 minutes before sending the same list"
        case 720: "empty subject"
        case 721: "empty message"
        case 722: "list id missing"
        case 791: "over 5 API campaigns per hour"
        case 799: "bad date format (YYYY-MM-DD hh:ii:ss, not in the past)"
        case 800: "invalid action"
        case 802: "campaign not found"
        case 901: "sender name missing"
        case 902: "sender email in use"
        case 903: "sender email missing"
        case 904: "address blacklisted"
        case 905: "sender quota reached"
        case 906: "email syntax error"
        case 1101: "email not given"
        case 1003: "sender does not exist"
        case 1004: "activation code already sent, retry in 15 minutes"
        case 1005: "confirmation send error"
        case 1104: "activation code missing"
        case 2_020_202_020: "more than 10 requests per second"
        default: nil
        }
    }

    /// What to do about `code`, when there is something useful to say.
    public static func hint(for code: Int) -> String? {
        switch code {
        case 13, 721: "give the message text with --text"
        case 701, 704, 901, 903, 1003:
            "set the SMS sender name: MMSKIT_SENDPULSE_SENDER (or sendpulse.sender in ~/.config/mmskit/credentials.yml)"
        case 707: "top up the SendPulse account, then resume the campaign with --resume"
        case 711: "wait 15 minutes, then resume with --resume"
        case 791: "wait an hour before creating another campaign through the API"
        case 2_020_202_020: "lower sendpulse.rate_limit, or run fewer mmskit processes at once"
        default: nil
        }
    }
}
