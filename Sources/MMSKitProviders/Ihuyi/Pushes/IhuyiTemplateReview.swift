/// The carrier review's verdict on a template, as ihuyi pushes it (模板审核推送): `SUCCESS` or `FAIL` with
/// the reason in `message`.
public struct IhuyiTemplateReview: Codable, Sendable, Hashable {
    public var templateID: Int
    public var code: String
    public var message: String?

    public init(templateID: Int, code: String, message: String? = nil) {
        self.templateID = templateID
        self.code = code
        self.message = message
    }

    /// Whether the template passed the review and can be sent.
    public var isApproved: Bool { code == Self.approved }

    public static let approved = "SUCCESS"
    public static let rejected = "FAIL"

    enum CodingKeys: String, CodingKey {
        case templateID = "template_id"
        case code
        case message
    }
}
