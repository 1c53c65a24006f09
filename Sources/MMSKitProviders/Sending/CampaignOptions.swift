import Foundation
import MMSKit

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

    /// Options with the given values; unset ones are `nil` (or no parameters).
    public init(
        productID: Int? = nil, templateID: Int? = nil, contentPath: String? = nil, text: String? = nil,
        signID: Int? = nil,
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

extension CampaignOptions {
    /// `key=value` entries (`--param`) as a dictionary. An entry without `=`, with an empty key, or a key given
    /// twice is refused: the provider would get a parameter the user did not mean.
    public static func parameters(from entries: [String]) throws(CampaignOptionsError) -> [String: String] {
        var parameters: [String: String] = [:]
        for entry in entries {
            guard let equals = entry.firstIndex(of: "=") else {
                throw CampaignOptionsError("--param takes key=value, got '\(entry)'")
            }
            let key = String(entry[..<equals])
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CampaignOptionsError("--param '\(entry)' has no key; write key=value, e.g. --param name=张三")
            }
            guard parameters.updateValue(String(entry[entry.index(after: equals)...]), forKey: key) == nil else {
                throw CampaignOptionsError("--param \(key) is given twice; give each parameter once")
            }
        }
        return parameters
    }

    /// Checks a send time (`--at`): a real date, written `YYYY-MM-DD HH:MM:SS` in China time, still to come.
    public static func checkSendTime(_ text: String, now: Date = Date()) throws(CampaignOptionsError) {
        guard let date = ChinaTime.parse(text) else {
            throw CampaignOptionsError(
                "--at must be a real date written YYYY-MM-DD HH:MM:SS (China time), e.g. 2026-12-01 09:30:00")
        }
        if date < now {
            throw CampaignOptionsError(
                "--at \(text) is in the past (now is \(ChinaTime.format(now)) China time); pick a future time, or drop --at to send at once"
            )
        }
    }
}

/// Options that cannot make a campaign; the message names the option and what to write instead.
public struct CampaignOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong and what to write instead, naming the option.
    public var description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
