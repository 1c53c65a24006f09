import Foundation
import MMSKit

/// Who a provider is: its id (the `--provider` value, the `credentials.yml` section, the journal's provider),
/// the credentials it needs, where its API is, and what it can do.
public struct ProviderDescription: Sendable {
    /// E.g. `ihuyi`.
    public var id: ProviderID
    /// As people write it, e.g. `JPush JSMS`.
    public var displayName: String
    /// One line for `--help`: what the provider is.
    public var summary: String
    /// The keys of its `credentials.yml` section (`base_url` is implied), in the order help lists them.
    public var credentialKeys: [CredentialKey]
    /// The production API, used unless `base_url` or `--base-url` names another.
    public var defaultBaseURL: URL
    /// The commands the provider supports.
    public var capabilities: Set<ProviderCapability>

    /// A provider description with the given id, names, credential keys, API and capabilities.
    public init(
        id: ProviderID, displayName: String, summary: String, credentialKeys: [CredentialKey], defaultBaseURL: URL,
        capabilities: Set<ProviderCapability>
    ) {
        self.id = id
        self.displayName = displayName
        self.summary = summary
        self.credentialKeys = credentialKeys
        self.defaultBaseURL = defaultBaseURL
        self.capabilities = capabilities
    }

    /// Every key its section of `credentials.yml` may hold, `base_url` included.
    public var fileKeys: [CredentialKey] { credentialKeys + [.baseURL] }

    /// The key called `name`, if the provider has one.
    public func key(named name: String) -> CredentialKey? { fileKeys.first { $0.name == name } }
}
