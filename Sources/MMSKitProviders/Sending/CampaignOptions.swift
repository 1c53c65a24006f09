/// What the user asked a campaign to send, before any content is loaded: the provider's
/// `CampaignRequirements` say which of these it needs and which it refuses.
public struct CampaignOptions: Sendable {
    /// ihuyi's `product_id`.
    public var productID: Int?
    /// An approved template: ihuyi's template_id, JSMS's temp_id.
    public var templateID: Int?
    /// Content to send as is (a media directory or JSON file, linted first).
    public var contentPath: String?
    /// Plain text to send (SMS providers).
    public var text: String?
    /// JSMS's sign id.
    public var signID: Int?
    /// Template parameters for every recipient.
    public var parameters: [String: String]
    /// `YYYY-MM-DD HH:MM:SS` China time, or nil to send at once.
    public var sendTime: String?

    public init(
        productID: Int? = nil, templateID: Int? = nil, contentPath: String? = nil, text: String? = nil, signID: Int? = nil,
        parameters: [String: String] = [:], sendTime: String? = nil
    ) {
        self.productID = productID
        self.templateID = templateID
        self.contentPath = contentPath
        self.text = text
        self.signID = signID
        self.parameters = parameters
        self.sendTime = sendTime
    }
}
