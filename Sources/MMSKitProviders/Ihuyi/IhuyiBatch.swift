import MMSKit

/// What a batchSend request sends, apart from the recipients and the common parameters.
public struct IhuyiBatch: Sendable {
    /// Either content (with its title and sign_name) or an approved template.
    public enum Message: Sendable {
        /// Content sent as is, with its title and sign_name.
        case content(MMSContent, title: String, signName: String)
        /// An approved template, by its template_id.
        case template(id: Int)
    }

    /// The ihuyi product the messages are sent (and charged) under, as `mmskit balance` lists them.
    public var productID: Int
    /// The content or approved template every recipient gets.
    public var message: Message
    /// `YYYY-MM-DD HH:MM:SS` in China time, or `nil` to send at once.
    public var sendTime: String?

    /// A batch of `message` under product `productID`, sent at `sendTime` or at once.
    public init(productID: Int, message: Message, sendTime: String? = nil) {
        self.productID = productID
        self.message = message
        self.sendTime = sendTime
    }
}
