import MMSKit

/// What a provider's campaigns need and accept, checked before anything is read or sent.
public struct CampaignRequirements: Sendable {
    /// Where a campaign's message can come from; exactly one must be given.
    public enum Source: String, Sendable, Hashable, CaseIterable {
        /// An approved template (`--template-id`).
        case template
        /// Content from a media directory or JSON file (`--content`).
        case content
        /// Plain text (`--text`).
        case text

        /// The command-line option that gives it.
        var option: String {
            switch self {
            case .template: "--template-id"
            case .content: "--content"
            case .text: "--text"
            }
        }
    }

    /// Where the provider's campaigns can take their message from.
    public var sources: [Source]
    /// Whether a campaign needs `--product-id` (ihuyi).
    public var needsProductID: Bool
    /// Whether a campaign may name a sign with `--sign-id` (JPush).
    public var takesSignID: Bool
    /// Whether a campaign may give template parameters with `--param` (JPush).
    public var takesParameters: Bool
    /// Whether a campaign may be scheduled with `--at` (ihuyi).
    public var takesSendTime: Bool
    /// The most numbers one request may carry.
    public var maximumChunkSize: Int

    /// Requirements with the given sources and options; by default no option beyond the message is taken.
    public init(
        sources: [Source], needsProductID: Bool = false, takesSignID: Bool = false, takesParameters: Bool = false,
        takesSendTime: Bool = false, maximumChunkSize: Int
    ) {
        self.sources = sources
        self.needsProductID = needsProductID
        self.takesSignID = takesSignID
        self.takesParameters = takesParameters
        self.takesSendTime = takesSendTime
        self.maximumChunkSize = maximumChunkSize
    }

    /// Why `options` cannot make a campaign of `provider`, naming the options to change; nil when they can.
    public func problem(with options: CampaignOptions, provider: ProviderID) -> String? {
        let given: [Source] = Source.allCases.filter {
            switch $0 {
            case .template: options.templateID != nil
            case .content: options.contentPath != nil
            case .text: options.text != nil
            }
        }
        if let unsupported = given.first(where: { !sources.contains($0) }) {
            return
                "\(provider) cannot send \(unsupported.option) (it sends \(sources.map(\.option).joined(separator: " or ")))"
        }
        if given.count != 1 {
            let choices = sources.map(\.option)
            return choices.count == 1
                ? "\(provider) sends need \(choices[0])"
                : "give exactly one of \(choices.dropLast().joined(separator: ", ")) and \(choices.last!)"
        }
        if needsProductID && options.productID == nil {
            return "\(provider) sends need --product-id (see `mmskit balance --provider \(provider)`)"
        }
        if !needsProductID && options.productID != nil { return "\(provider) takes no --product-id" }
        if !takesSignID && options.signID != nil { return "\(provider) takes no --sign-id" }
        if !takesParameters && !options.parameters.isEmpty { return "\(provider) takes no --param" }
        if !takesSendTime && options.sendTime != nil { return "\(provider) sends cannot be scheduled with --at" }
        return nil
    }
}
