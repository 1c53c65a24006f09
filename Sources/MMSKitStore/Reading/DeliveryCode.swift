/// What a receipt's code means, where the provider documents it: ihuyi's `DELIVERED` and JSMS's report statuses.
/// Carrier failure codes that ihuyi passes through are not documented and have no meaning here.
public enum DeliveryCode {
    /// A short English meaning of `code` from `provider` (`ihuyi` or `jpush`), or nil when it is not documented.
    public static func meaning(of code: String, provider: String) -> String? {
        switch provider {
        case "ihuyi": code == "DELIVERED" ? "delivered" : nil
        case "jpush": jsmsStatuses[code]
        default: nil
        }
    }

    static let jsmsStatuses: [String: String] = [
        "4001": "delivered", "4002": "blacklisted", "4003": "handset off", "4004": "empty number",
        "4005": "balance too low", "4006": "frequency limit", "4010": "sensitive words", "4100": "other failure",
    ]
}
