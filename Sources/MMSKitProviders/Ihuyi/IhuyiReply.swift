/// The JSON every ihuyi mms/v1 call answers with: `code` (`OK` on success) and `message`, plus the call's own
/// fields: `task_id` (batchSend), `template_id` (templateCreate), `data` (balance).
public struct IhuyiReply: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public var taskID: String?
    public var templateID: Int?
    public var data: [IhuyiProduct]?

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
