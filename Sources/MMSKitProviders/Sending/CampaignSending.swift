import MMSKit

/// A provider that sends campaigns through `mmskit send`.
public protocol CampaignSending: Provider {
    static var campaignRequirements: CampaignRequirements { get }
    /// The campaign for `options`; `content` is the loaded (and linted) content when `options.contentPath` is set.
    /// - Throws: a `ProviderFailure` when the message cannot be made (a JSMS rule, say).
    func campaign(_ options: CampaignOptions, content: CampaignContent?) throws -> Campaign
}

/// Content loaded for a campaign: the frames, and the title and sign_name it is sent with.
public struct CampaignContent: Sendable {
    /// The frames to send.
    public var content: MMSContent
    /// The title the content is sent with.
    public var title: String
    /// The sign_name the content is sent with, e.g. `【星河咖啡】`.
    public var signName: String

    /// Content with its title and sign_name.
    public init(content: MMSContent, title: String, signName: String) {
        self.content = content
        self.title = title
        self.signName = signName
    }
}
