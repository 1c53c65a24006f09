import Crypto
import Foundation

/// The ihuyi request signature: MD5 (lower-case hex) of `api_id`, `api_key`, `request_id` and `timestamp` as
/// `key=value` pairs sorted by key and joined with `&`. The api_key enters the signature and is never sent.
public enum IhuyiSignature {
    /// The signature for one request.
    public static func sign(apiID: String, apiKey: Secret, requestID: String, timestamp: Int) -> String {
        let pairs = [("api_id", apiID), ("api_key", apiKey.exposedValue), ("request_id", requestID), ("timestamp", String(timestamp))]
        let text = pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
