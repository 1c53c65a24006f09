import Foundation
import MMSKit

/// Reads ihuyi's pushes (delivery receipts, uplinks, template reviews): one JSON object or an array of them,
/// each with the reference's fields. Unknown fields are kept in the record's payload (the object's bytes as
/// sent); a missing required field
/// or a wrong type refuses the whole request, naming the record and the field.
public enum IhuyiPushParser {
    /// The records in `body`, pushed to the route for `kind` (`receipt`, `uplink` or `review`).
    public static func records(from body: Data, kind: PushKind) throws(PushPayloadError) -> [PushRecord] {
        precondition(kind != .jpush, "JSMS callbacks are forms: JPushCallbackParser")
        if let records = IhuyiPushScanner.records(from: body, kind: kind) { return records }
        return try parsedInFull(body, kind: kind)
    }

    /// The full parser's reading, which words every error (the scanner's common case gives the same records).
    static func parsedInFull(_ body: Data, kind: PushKind) throws(PushPayloadError) -> [PushRecord] {
        let root: JSONValue
        do {
            root = try JSONParser().parse(body)
        } catch {
            throw PushPayloadError(
                "the body is not JSON (\(error.reason) at line \(error.position.line)): send one \(kind.rawValue) object or an array of them"
            )
        }
        let objects: [JSONValue]
        let isArray: Bool
        switch root.kind {
        case .object:
            objects = [root]
            isArray = false
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.objectValue == nil {
                throw PushPayloadError("\(kind.rawValue)[\(index)] is \(element.typeDescription), not a JSON object")
            }
            objects = elements
            isArray = true
        default:
            throw PushPayloadError(
                "the body is \(root.typeDescription): send one \(kind.rawValue) object or an array of them")
        }
        guard !objects.isEmpty else { throw PushPayloadError("the array holds no \(kind.rawValue)") }
        return try objects.enumerated().map { (index, object) throws(PushPayloadError) -> PushRecord in
            let fields = Fields(object: object, name: isArray ? "\(kind.rawValue)[\(index)]" : kind.rawValue)
            // The object's own bytes, as the provider sent them: unknown fields kept, nothing re-encoded.
            return try record(kind, fields: fields, payload: JSONSpan.object(in: body, at: object.position.offset))
        }
    }

    /// One record of `kind` from an object's fields (read by the full parser or the scanner).
    static func record(
        _ kind: PushKind, fields: some PushFields, payload: Data
    ) throws(PushPayloadError) -> PushRecord {
        switch kind {
        case .receipt:
            let taskID = try fields.text("task_id")
            let phone = try fields.text("phone")
            return PushRecord(
                kind: .receipt, provider: "ihuyi", naturalKey: PushRecord.key(taskID, phone), taskID: taskID,
                phone: phone,
                code: try fields.text("code"), message: try fields.optionalText("message"),
                eventTime: try fields.optionalText("report_time"), payload: payload)
        case .uplink:
            let phone = try fields.text("phone")
            let content = try fields.text("content")
            let received = try fields.text("receive_time")
            return PushRecord(
                kind: .uplink, provider: "ihuyi", naturalKey: PushRecord.key(phone, received, content),
                taskID: try fields.optionalText("task_id"), phone: phone, message: content, eventTime: received,
                payload: payload)
        case .review:
            let templateID = try fields.integer("template_id")
            let code = try fields.text("code")
            let message = try fields.optionalText("message")
            return PushRecord(
                kind: .review, provider: "ihuyi", naturalKey: PushRecord.key(String(templateID), code, message),
                code: code,
                message: message, templateID: templateID, payload: payload)
        case .jpush:
            preconditionFailure("JSMS callbacks are forms: JPushCallbackParser")
        }
    }

    /// One object's fields, read strictly: a number where ihuyi may send text is accepted as its digits.
    struct Fields: PushFields {
        var object: JSONValue
        var name: String

        func text(_ key: String) throws(PushPayloadError) -> String {
            guard let value = try optionalText(key) else { throw PushPayloadError("\(name): \(key) is missing") }
            return value
        }

        func optionalText(_ key: String) throws(PushPayloadError) -> String? {
            guard let value = object[key] else { return nil }
            switch value.kind {
            case .null: return nil
            case .string(let text):
                guard !text.value.utf8.contains(0) else {
                    throw PushPayloadError(
                        "\(name): \(key) holds a NUL character (\\u0000), which no provider's value holds; nothing was stored"
                    )
                }
                return text.value
            case .number(let digits) where Int(digits) != nil: return digits
            default: throw PushPayloadError("\(name): \(key) must be text, not \(value.typeDescription)")
            }
        }

        func integer(_ key: String) throws(PushPayloadError) -> Int {
            guard let value = object[key] else { throw PushPayloadError("\(name): \(key) is missing") }
            switch value.kind {
            case .null: throw PushPayloadError("\(name): \(key) is missing")
            case .number(let digits) where Int(digits) != nil: return Int(digits)!
            case .string(let text) where Int(text.value) != nil: return Int(text.value)!
            default: throw PushPayloadError("\(name): \(key) must be an integer, not \(value.typeDescription)")
            }
        }
    }
}

/// Where a JSON object that the parser accepted ends in its source, so a record's payload can be its own bytes.
enum JSONSpan {
    /// The bytes of the object starting at `offset` (a `{`), through its closing `}`.
    static func object(in data: Data, at offset: Int) -> Data {
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Data in
            var depth = 0
            var inString = false
            var escaped = false
            var index = offset
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                    }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return Data(bytes[offset...index]) }
                }
                index += 1
            }
            return Data(bytes[offset...])
        }
    }
}
