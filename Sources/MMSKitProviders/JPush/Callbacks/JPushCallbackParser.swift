import Foundation
import MMSKit

/// Reads a JSMS callback's form fields into a record, after checking its signature with the app's credentials.
/// The `data` JSON's fields by type: SMS_REPORT `msgId`, `status`, `receiveTime`, `phone`; SMS_REPLY `phone`,
/// `replyTime`, `content`; SMS_TEMPLATE `tempId`, `status`, `refuseReason`; SMS_SIGN `signId`, `status`,
/// `refuseReason`. Unknown fields are kept in the payload.
public enum JPushCallbackParser {
    /// Why a callback was not taken: malformed (answer 400) or not signed by this app (401).
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The form or its `data` is not what JSMS sends (answered 400).
        case malformed(PushPayloadError)
        /// The signature is not this app's (answered 401).
        case badSignature

        /// Why the callback was not taken, for the log and the answer.
        public var description: String {
            switch self {
            case .malformed(let error): error.description
            case .badSignature: "the signature does not match this app's key and master secret"
            }
        }
    }

    /// The callback in `fields` (the decoded form), checked against `credentials`, as a record.
    public static func record(
        from fields: [String: String], credentials: JPushCredentials
    ) throws(Failure) -> PushRecord {
        try record(from: callback(from: fields, credentials: credentials))
    }

    /// The callback in `fields` (the decoded form), once its signature is checked against `credentials`. The
    /// signature covers the nonce and timestamp only, not `type` or `data` (JSMS's recipe).
    public static func callback(
        from fields: [String: String], credentials: JPushCredentials
    ) throws(Failure) -> JPushCallback {
        func field(_ name: String) throws(Failure) -> String {
            guard let value = fields[name], !value.isEmpty else {
                throw .malformed(PushPayloadError("the form has no \(name)"))
            }
            return value
        }
        let nonce = try field("nonce")
        let timestamp = try field("timestamp")
        guard timestamp.utf8.count <= 19,
            timestamp.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw .malformed(
                PushPayloadError("timestamp is '\(timestamp.prefix(40))'; JSMS sends milliseconds since 1970 (digits)"))
        }
        let typeText = try field("type")
        let data = try field("data")
        var callback = JPushCallback(
            nonce: nonce, timestamp: timestamp, type: .report, data: data, signature: try field("signature"))
        guard callback.isSigned(by: credentials) else { throw .badSignature }
        guard let type = JPushCallback.Kind(rawValue: typeText) else {
            throw .malformed(
                PushPayloadError(
                    "type \(typeText) is not one of \(JPushCallback.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
                ))
        }
        callback.type = type
        return callback
    }

    /// The record a signed callback reports.
    public static func record(from callback: JPushCallback) throws(Failure) -> PushRecord {
        let (nonce, timestamp, type, data) = (callback.nonce, callback.timestamp, callback.type, callback.data)
        let object: JSONValue
        do {
            object = try JSONParser().parse(Data(data.utf8))
        } catch {
            throw .malformed(PushPayloadError("data is not JSON (\(error.reason))"))
        }
        guard object.objectValue != nil else {
            throw .malformed(PushPayloadError("data is \(object.typeDescription), not a JSON object"))
        }
        let values = PushObjectFields(object: object, name: "data")
        let original = (try? JSONSerialization.jsonObject(with: Data(data.utf8))) ?? [:]
        let payload =
            (try? JSONSerialization.data(
                withJSONObject: ["type": type.rawValue, "nonce": nonce, "timestamp": timestamp, "data": original],
                options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        do throws(PushPayloadError) {
            switch type {
            case .report:
                let msgID = try values.text("msgId")
                let status = try values.text("status")
                let phone = try values.optionalText("phone")
                if phone?.isEmpty == true {
                    throw PushPayloadError("data: phone is empty; leave it out or give the number")
                }
                return PushRecord(
                    kind: .deliveryReceipt, provider: .jpush, naturalKey: PushRecord.key(type.rawValue, msgID),
                    taskID: msgID, phone: phone, code: status, outcome: JPushReport.outcome(of: status),
                    eventTime: try values.optionalText("receiveTime") ?? timestamp, payload: payload)
            case .reply:
                let phone = try values.text("phone")
                let replied = try values.optionalText("replyTime") ?? timestamp
                let content = try values.text("content")
                return PushRecord(
                    kind: .reply, provider: .jpush, naturalKey: PushRecord.key(type.rawValue, phone, replied, content),
                    taskID: try values.optionalText("msgId"), phone: phone, code: type.rawValue, message: content,
                    eventTime: replied, payload: payload)
            case .template, .sign:
                let idField = type == .template ? "tempId" : "signId"
                let id = try values.integer(idField)
                let status = try values.text("status")
                guard let outcome = JPushTemplateStatus.outcome(of: status) else {
                    throw PushPayloadError(
                        "data: status is '\(status)'; JSMS sends 0 (in review), 1 (approved) or 2 (rejected)")
                }
                let reason = try values.optionalText("refuseReason")
                return PushRecord(
                    kind: type == .template ? .templateReview : .signReview, provider: .jpush,
                    naturalKey: PushRecord.key(type.rawValue, String(id), status, reason),
                    code: status, outcome: outcome, message: reason, templateID: type == .template ? id : nil,
                    eventTime: timestamp, payload: payload)
            }
        } catch {
            throw .malformed(error)
        }
    }
}
