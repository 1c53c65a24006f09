import Crypto
import Foundation

/// A JSMS callback as JPush posts it, built from the documented recipe: a form whose signature is the hex SHA-1
/// of `appKey=…&appMasterSecret=…&nonce=…&timestamp=…`.
struct JSMSForm {
    static let appKey = "test-app-key"
    static let masterSecret = "test-master-secret-0123456789"

    var nonce = "583019"
    /// Now, in milliseconds (the receiver refuses a timestamp far from its clock).
    var timestamp = JSMSForm.timestamp(Date())
    var type = "SMS_REPORT"
    var data = #"{"msgId":"1234567890","status":4001,"receiveTime":1700000000,"phone":"13800138000"}"#
    var signature: String?

    static func timestamp(_ date: Date) -> String {
        String(Int64(date.timeIntervalSince1970 * 1000))
    }

    static func sign(
        appKey: String = appKey, masterSecret: String = masterSecret, nonce: String, timestamp: String
    ) -> String {
        let text = "appKey=\(appKey)&appMasterSecret=\(masterSecret)&nonce=\(nonce)&timestamp=\(timestamp)"
        return Insecure.SHA1.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The form body, each value percent-encoded with spaces as `+`; `omit` leaves a field out.
    func body(omit: String? = nil) -> Data {
        let fields = [
            ("nonce", nonce), ("timestamp", timestamp), ("type", type), ("data", data),
            ("signature", signature ?? Self.sign(nonce: nonce, timestamp: timestamp)),
        ]
        return Data(fields.filter { $0.0 != omit }.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&").utf8)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~ ")
        return (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(
            of: " ", with: "+")
    }
}
