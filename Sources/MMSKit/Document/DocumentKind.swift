/// What a JSON document is, judged from its shape.
public enum DocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A bare frame array (the `content` value).
    case content
    /// An ihuyi templateCreate body: title, content, purpose, sign_name.
    case template
    /// An ihuyi batchSend body: product_id, phone, and content or template_id.
    case batch
    /// A media directory (numbered files and an optional `mms.yaml`), built in memory.
    case directory

    /// The kind a parsed document has: an array is content; an object with `phone` or `product_id` is a batch
    /// body; any other object is a template body.
    public static func detect(_ value: JSONValue) -> DocumentKind? {
        switch value.kind {
        case .array: return .content
        case .object:
            return value["phone"] != nil || value["product_id"] != nil || value["template_id"] != nil
                ? .batch : .template
        default: return nil
        }
    }
}
