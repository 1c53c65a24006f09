import Foundation
import MMSKit

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
    public var isApproved: Bool { Self.outcome(of: code) == .approved }

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

extension IhuyiTemplateReview {
    /// What a review's `code` means, or nil for a code ihuyi does not send (the receiver refuses such a push
    /// rather than store a verdict nobody can read).
    public static func outcome(of code: String) -> PushOutcome? {
        switch code {
        case approved: .approved
        case rejected: .rejected
        default: nil
        }
    }

    /// The review in one pushed object, every documented field type-checked; a code other than `SUCCESS` or
    /// `FAIL` is refused.
    init(fields: some PushFields) throws(PushPayloadError) {
        let code = try fields.text("code")
        guard Self.outcome(of: code) != nil else {
            throw PushPayloadError("review: code is '\(code)'; ihuyi sends \(Self.approved) or \(Self.rejected)")
        }
        self.init(
            templateID: try fields.integer("template_id"), code: code, message: try fields.optionalText("message"))
    }

    /// The record the receiver stores for this review; `payload` is the object as ihuyi sent it.
    public func record(payload: Data) -> PushRecord {
        PushRecord(
            kind: .templateReview, provider: .ihuyi, naturalKey: PushRecord.key(String(templateID), code, message),
            code: code, outcome: Self.outcome(of: code), message: message, templateID: templateID, payload: payload)
    }
}
