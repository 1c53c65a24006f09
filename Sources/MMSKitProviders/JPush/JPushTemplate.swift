/// A template as JPush stores it, with its review status.
public struct JPushTemplate: Codable, Sendable, Hashable {
    /// The template id (`temp_id`) used when sending.
    public var id: Int
    /// The template text with its `{{variables}}` (`template`).
    public var text: String
    /// The API's `type` number; see `type` for the known kinds.
    public var typeCode: Int
    /// Seconds a verification code stays valid (`ttl`), for verification-code templates.
    public var ttl: Int?
    /// The note sent for review (`remark`).
    public var remark: String?
    /// The review status (`status`).
    public var status: JPushTemplateStatus

    enum CodingKeys: String, CodingKey {
        case id = "temp_id"
        case text = "template"
        case typeCode = "type"
        case ttl
        case remark
        case status
    }

    /// A template with the given fields; `typeCode` is kept even when this client does not know it.
    public init(id: Int, text: String, typeCode: Int, ttl: Int?, remark: String?, status: JPushTemplateStatus) {
        self.id = id
        self.text = text
        self.typeCode = typeCode
        self.ttl = ttl
        self.remark = remark
        self.status = status
    }

    /// The kind of template, or nil for a type number this client does not know.
    public var type: JPushTemplateType? { JPushTemplateType(rawValue: typeCode) }
}
