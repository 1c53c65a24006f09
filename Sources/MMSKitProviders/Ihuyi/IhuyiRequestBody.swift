import Foundation
import MMSKit

/// The payloads of ihuyi's mms/v1 calls, each built by ONE function used by sending, `--dry-run` and the lint
/// gate, so the gate checks the bytes that are sent. A payload starts with `request_id` and holds the call's
/// fields and content; `IhuyiSignature.signedBody` puts the authentication fields (`api_id`, `timestamp`,
/// `signature`) in front of it when the request leaves.
public enum IhuyiRequestBody {
    /// templateCreate: `request_id`, then the body `mmskit build --as template` writes (`ContentJSON(template:)`).
    public static func templateCreate(_ fields: TemplateFields, content: MMSContent, requestID: String) -> Data {
        ContentJSON(template: fields, content: content, leadingFields: [("request_id", .string(requestID))]).data()
    }

    /// batchSend of `batch` to `phones` (digits): `product_id`, `phone`, then `sign_name`, `title` and `content`,
    /// or `template_id`; `send_time` when scheduled.
    public static func batchSend(_ batch: IhuyiBatch, phones: [String], requestID: String) -> Data {
        var body: [(key: String, value: ContentJSON.FieldValue)] = [
            ("request_id", .string(requestID)), ("product_id", .integer(batch.productID)), ("phone", .strings(phones)),
        ]
        var content: MMSContent?
        switch batch.message {
        case .content(let message, let title, let signName):
            body.append(("sign_name", .string(signName)))
            body.append(("title", .string(title)))
            content = message
        case .template(let id):
            body.append(("template_id", .integer(id)))
        }
        if let sendTime = batch.sendTime { body.append(("send_time", .string(sendTime))) }
        return ContentJSON(fields: body, content: content).data()
    }

    /// balance: the common parameters only.
    public static func balance(requestID: String) -> Data {
        ContentJSON(fields: [("request_id", .string(requestID))], content: nil).data()
    }

    /// The request_id a payload of this type starts with, or nil when it does not start with one.
    static func requestID(of payload: Data) -> String? {
        let prefix = Array(#"{"request_id":""#.utf8)
        guard payload.count > prefix.count, payload.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        let rest = payload.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let bytes = rest[rest.startIndex..<end]
        // The ids mmskit makes are UUIDs or journal ids: nothing that JSON escapes.
        guard !bytes.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
