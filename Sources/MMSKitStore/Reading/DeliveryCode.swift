import MMSKit

/// What a receipt's code means in words, for people reading statistics, where the provider documents it: ihuyi's
/// `DELIVERED` and JSMS's report statuses. Carrier failure codes that ihuyi passes through are not documented and
/// have no meaning here. Whether a receipt counts as delivered is the record's `outcome`, never this text.
public enum DeliveryCode {
    /// A short English meaning of `code` from `provider`, or nil when it is not documented.
    public static func meaning(of code: String, provider: ProviderID) -> String? {
        switch provider {
        case .ihuyi: code == "DELIVERED" ? "delivered" : nil
        case .jpush: jsmsStatuses[code]
        default: nil
        }
    }

    static let jsmsStatuses: [String: String] = [
        "4001": "delivered", "4002": "blacklisted", "4003": "handset off", "4004": "empty number",
        "4005": "balance too low", "4006": "frequency limit", "4010": "sensitive words", "4100": "other failure",
    ]
}
