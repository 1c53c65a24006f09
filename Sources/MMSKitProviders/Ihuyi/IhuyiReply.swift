/// The JSON every ihuyi mms/v1 call answers with: `code` (`OK` on success) and `message`, plus the call's own
/// fields: `task_id` (batchSend), `template_id` (templateCreate), `data` (balance).
public struct IhuyiReply: Codable, Sendable, Hashable {
    /// `OK` on success, ihuyi's error code otherwise.
    public var code: String
    /// ihuyi's message, verbatim.
    public var message: String
    /// The batch's `task_id`, which its delivery receipts carry (batchSend only).
    public var taskID: String?
    /// The new template's `template_id` (templateCreate only).
    public var templateID: Int?
    /// The account's products and their balances (balance only).
    public var data: [IhuyiProduct]?

    /// A reply with the given code, message and call-specific fields.
    public init(
        code: String, message: String, taskID: String? = nil, templateID: Int? = nil, data: [IhuyiProduct]? = nil
    ) {
        self.code = code
        self.message = message
        self.taskID = taskID
        self.templateID = templateID
        self.data = data
    }

    /// The code of a successful call.
    public static let ok = "OK"

    enum CodingKeys: String, CodingKey {
        case code
        case message
        case taskID = "task_id"
        case templateID = "template_id"
        case data
    }
}
