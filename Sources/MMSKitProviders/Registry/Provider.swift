/// A provider mmskit can talk to. A provider is a folder of this target (its client, wire types and errors)
/// plus one line in `ProviderRegistry.standard`; what it can do is the capability protocols it conforms to
/// (`BalanceQuerying`, `CampaignSending`, …), which the commands use without knowing the provider.
public protocol Provider: Sendable {
    /// Its id, credentials, endpoint and capabilities.
    static var providerDescription: ProviderDescription { get }
    /// A provider talking to `connection`'s API with its credentials.
    init(connection: ProviderConnection)
}
