import Foundation
import MMSKit

/// Reads ihuyi's pushes (delivery receipts, uplinks, template reviews): one JSON object or an array of them,
/// each with the reference's fields. Unknown fields are kept in the record's payload (the object's bytes as
/// sent); a missing required field
/// or a wrong type refuses the whole request, naming the record and the field.
public enum IhuyiPushParser {
    /// The kinds ihuyi pushes, each to a route of its own.
    public static let kinds: [PushKind] = [.deliveryReceipt, .reply, .templateReview]

    /// What ihuyi's documents and the receiver's routes call a push of `kind`: `receipt`, `uplink`, `review`.
    static func objectName(_ kind: PushKind) -> String {
        switch kind {
        case .deliveryReceipt: "receipt"
        case .reply: "uplink"
        case .templateReview: "review"
        case .signReview: "sign review"
        }
    }

    /// The records in `body`, pushed to the route for `kind` (a delivery receipt, a reply or a template review).
    public static func records(from body: Data, kind: PushKind) throws(PushPayloadError) -> [PushRecord] {
        precondition(kinds.contains(kind), "ihuyi pushes no \(kind.rawValue)")
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
                "the body is not JSON (\(error.reason) at line \(error.position.line)): send one \(objectName(kind)) object or an array of them"
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
                throw PushPayloadError("\(objectName(kind))[\(index)] is \(element.typeDescription), not a JSON object")
            }
            objects = elements
            isArray = true
        default:
            throw PushPayloadError(
                "the body is \(root.typeDescription): send one \(objectName(kind)) object or an array of them")
        }
        guard !objects.isEmpty else { throw PushPayloadError("the array holds no \(objectName(kind))") }
        return try objects.enumerated().map { (index, object) throws(PushPayloadError) -> PushRecord in
            let name = IhuyiPushParser.objectName(kind)
            let fields = PushObjectFields(object: object, name: isArray ? "\(name)[\(index)]" : name)
            // The object's own bytes, as the provider sent them: unknown fields kept, nothing re-encoded.
            return try record(kind, fields: fields, payload: JSONSpan.object(in: body, at: object.position.offset))
        }
    }

    /// One record of `kind` from an object's fields (read by the full parser or the scanner): the fields are read
    /// into the push's public type, every documented field type-checked, and the record made from it.
    static func record(
        _ kind: PushKind, fields: some PushFields, payload: Data
    ) throws(PushPayloadError) -> PushRecord {
        switch kind {
        case .deliveryReceipt: try IhuyiDeliveryReceipt(fields: fields).record(payload: payload)
        case .reply: try IhuyiUplink(fields: fields).record(payload: payload)
        case .templateReview: try IhuyiTemplateReview(fields: fields).record(payload: payload)
        case .signReview: preconditionFailure("ihuyi pushes no sign reviews")
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
