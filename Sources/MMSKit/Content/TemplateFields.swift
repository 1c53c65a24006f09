/// The fields that wrap content into an ihuyi templateCreate body, or head a batchSend.
public struct TemplateFields: Sendable, Hashable, Codable {
    /// Template title: an identifier for the template, not shown in the message.
    public var title: String?
    /// The MMS signature: a company or shop name inside 【】, e.g. `【互亿无线】`.
    public var signName: String?
    /// The use case, read by the carrier review.
    public var purpose: String?

    /// Fields with the given values; a `nil` field is left unset (and, when merged, taken from elsewhere).
    public init(title: String? = nil, signName: String? = nil, purpose: String? = nil) {
        self.title = title
        self.signName = signName
        self.purpose = purpose
    }

    /// These fields, each replaced by `other`'s where `other` has one.
    public func overridden(by other: TemplateFields) -> TemplateFields {
        TemplateFields(
            title: other.title ?? title, signName: other.signName ?? signName, purpose: other.purpose ?? purpose)
    }

    /// Whether no field is set.
    public var isEmpty: Bool { title == nil && signName == nil && purpose == nil }

    enum CodingKeys: String, CodingKey {
        case title
        case signName = "sign_name"
        case purpose
    }
}
