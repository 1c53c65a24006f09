/// The carrier review's verdict on a template, as ihuyi pushes it (模板审核推送): `SUCCESS` or `FAIL` with
/// the reason in `message`.
public struct IhuyiTemplateReview: Codable, Sendable, Hashable {
    /// The reviewed template's `template_id`.
    public var templateID: Int
    /// `SUCCESS` or `FAIL`.
    public var code: String
    /// The reviewer's reason, for a rejected template.
    public var message: String?

    /// A verdict `code` on template `templateID`.
    public init(templateID: Int, code: String, message: String? = nil) {
        self.templateID = templateID
        self.code = code
        self.message = message
    }

    /// Whether the template passed the review and can be sent.
    public var isApproved: Bool { code == Self.approved }

    /// The `code` of an approved template.
    public static let approved = "SUCCESS"
    /// The `code` of a rejected template.
    public static let rejected = "FAIL"

    enum CodingKeys: String, CodingKey {
        case templateID = "template_id"
        case code
        case message
    }
}
