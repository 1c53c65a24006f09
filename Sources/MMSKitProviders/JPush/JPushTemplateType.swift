/// What a JSMS template is for; the numbers are the API's `type` values.
public enum JPushTemplateType: Int, Codable, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A verification code: needs a `ttl` and only the `{{code}}` variable.
    case verificationCode = 1
    /// A notification (industry quota).
    case notification = 2
    /// Marketing (marketing quota).
    case marketing = 3

    /// The type in words, e.g. `verification code`.
    public var description: String {
        switch self {
        case .verificationCode: "verification code"
        case .notification: "notification"
        case .marketing: "marketing"
        }
    }
}
