import MMSKit

/// What a batchSend request sends, apart from the recipients and the common parameters.
public struct IhuyiBatch: Sendable {
    /// Either content (with its title and sign_name) or an approved template.
    public enum Message: Sendable {
        case content(MMSContent, title: String, signName: String)
        case template(id: Int)
    }

    public var productID: Int
    public var message: Message
    /// `YYYY-MM-DD HH:MM:SS` in China time, or `nil` to send at once.
    public var sendTime: String?

    public init(productID: Int, message: Message, sendTime: String? = nil) {
        self.productID = productID
        self.message = message
        self.sendTime = sendTime
    }
}
