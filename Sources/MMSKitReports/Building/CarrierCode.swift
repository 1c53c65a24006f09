import MMSKit

/// What a delivery report's code means, for the report's failures by code: the provider's own documented codes
/// (`DeliveryCode` in MMSKitStore: ihuyi's `DELIVERED`, JSMS's 4001–4100), then the gateway codes Chinese carriers
/// pass through ihuyi (`MK:0001`, `UNDELIV`, …).
///
/// No carrier publishes its codes. The families here are those SMS gateways document for their customers, taken
/// from SUBMAIL's receipt code table (https://mysubmail.com/documents/1XQAE4), and China Mobile's `DB:0141`
/// (blacklisted number) as gateways commonly document it; a code of one of these families
/// that a carrier uses differently is still shown with the family's meaning, which says what it usually is.
enum CarrierCode {
    /// The meaning of a gateway code, or nil for a code of no known family.
    static func meaning(of code: String) -> String? {
        let upper = code.uppercased()
        if let exact = exact[upper] { return exact }
        for (prefix, meaning) in families where upper.hasPrefix(prefix) { return meaning }
        return nil
    }

    private static let numberProblem = "empty, suspended, switched-off or unreachable number (空号/停机/关机)"

    private static let exact: [String: String] = [
        "DELIVRD": "delivered",
        "UNDELIV": "not delivered: the handset is off, suspended or out of service (停机/关机)",
        "EXPIRED": "expired before the handset could take it (停机/关机)",
        "REJECTD": "rejected by the carrier (content, or an unreachable number)",
        "REJECT": "rejected by the carrier (content, or an unreachable number)",
        "DELETED": "deleted by the carrier before delivery",
        "BLACK": "number on the gateway's blacklist (黑名单)",
        "BLOCKED": "number on the gateway's blacklist (黑名单)",
        "PUBLOKD": "number on the gateway's blacklist (黑名单)",
        "BEYONDM": "frequency limit per minute",
        "BEYONDH": "frequency limit per hour",
        "BEYONDD": "frequency limit per day",
        "KEYWORD": "content blocked by a keyword filter (关键词拦截)",
        "KEYWORDS": "content blocked by a keyword filter (关键词拦截)",
        "NOROUTE": "no route to the number (busy network, empty or unreachable number)",
        "PHONEERR": "malformed number",
        "DB:0141": "number on the carrier's blacklist (黑名单)",
        "SIGNBLOCKED": "the sign is blocked after complaints (签名拉黑)",
        "SIGFAIL": "the sign is blocked after complaints (签名拉黑)",
    ]

    private static let families: [(String, String)] = [
        ("MK:", numberProblem), ("MK", numberProblem), ("MN:", numberProblem), ("MI:", numberProblem),
        ("LT:", numberProblem), ("2:", numberProblem), ("2_", numberProblem),
    ]
}
