import Crypto
import Foundation
import MMSKit

/// The ihuyi request signature: MD5 (lower-case hex) of `api_id`, `api_key`, `request_id` and `timestamp` as
/// `key=value` pairs sorted by key and joined with `&`. The api_key enters the signature and is never sent.
public enum IhuyiSignature {
    /// The signature for one request.
    public static func sign(apiID: String, apiKey: Secret, requestID: String, timestamp: Int) -> String {
        let pairs = [
            ("api_id", apiID), ("api_key", apiKey.exposedValue), ("request_id", requestID),
            ("timestamp", String(timestamp)),
        ]
        let text = pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// `payload` (an `IhuyiRequestBody`, which starts with its request_id) with `api_id`, `timestamp` and
    /// `signature` put in front: the body as it is sent. Nil when the payload does not start with a request_id.
    public static func signedBody(_ payload: Data, credentials: IhuyiCredentials, timestamp: Int) -> Data? {
        guard let requestID = IhuyiRequestBody.requestID(of: payload) else { return nil }
        let signature = sign(
            apiID: credentials.apiID, apiKey: credentials.apiKey, requestID: requestID, timestamp: timestamp)
        let prefix = ContentJSON(
            fields: [
                ("api_id", .string(credentials.apiID)), ("timestamp", .integer(timestamp)),
                ("signature", .string(signature)),
            ],
            content: nil
        ).data()
        var body = Data(prefix.dropLast())
        body.append(UInt8(ascii: ","))
        body.append(payload.dropFirst())
        return body
    }
}
