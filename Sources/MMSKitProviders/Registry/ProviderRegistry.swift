import MMSKit

/// The providers mmskit knows, by id. `standard` is what the CLI offers; tests register more with
/// `registering(_:)`.
public struct ProviderRegistry: Sendable {
    /// One registered provider: its description and how to make it.
    public struct Entry: Sendable {
        /// The provider's id, capabilities and what it needs, known without making it.
        public var description: ProviderDescription
        /// Makes the provider for a connection (credentials, base URL, transport).
        public var make: @Sendable (ProviderConnection) -> any Provider
        /// What its campaigns need, when it sends campaigns: known before anything is made, for usage checks.
        public var campaignRequirements: CampaignRequirements?
        /// The accounts whose balance it reports, when it reports one.
        public var balanceAccounts: [BalanceAccount]
        /// Whether its record queries need an application id; nil when it has no record queries.
        public var recordsNeedAppID: Bool?

        /// The entry of `provider`, with what it declares statically (campaign requirements, balance accounts,
        /// records).
        public init<P: Provider>(_ provider: P.Type) {
            description = P.providerDescription
            make = { P(connection: $0) }
            campaignRequirements = (P.self as? any CampaignSending.Type)?.campaignRequirements
            balanceAccounts = (P.self as? any BalanceQuerying.Type)?.balanceAccounts ?? []
            recordsNeedAppID = (P.self as? any RecordQuerying.Type)?.recordsNeedAppID
        }

        /// The provider for `connection`, as something that can do `capability`.
        /// - Throws: `UnsupportedCapabilityError` naming the providers that can.
        public func make<Capability>(
            _ capability: ProviderCapability, as type: Capability.Type, connection: ProviderConnection,
            registry: ProviderRegistry
        ) throws(UnsupportedCapabilityError) -> Capability {
            guard let made = make(connection) as? Capability else { throw refusal(of: capability, registry: registry) }
            return made
        }

        /// Returns unless the provider can do `capability`.
        /// - Throws: `UnsupportedCapabilityError` naming the providers that can, and what this one can do.
        public func require(
            _ capability: ProviderCapability, registry: ProviderRegistry
        ) throws(UnsupportedCapabilityError) {
            guard !description.capabilities.contains(capability) else { return }
            throw refusal(of: capability, registry: registry)
        }

        private func refusal(
            of capability: ProviderCapability, registry: ProviderRegistry
        ) -> UnsupportedCapabilityError {
            UnsupportedCapabilityError(
                provider: description.id, capability: capability, providers: registry.ids(with: capability),
                offered: description.capabilities.sorted())
        }
    }

    /// The registered providers, in registration order.
    public private(set) var entries: [Entry]

    /// A registry of `providers`, in that order.
    public init(_ providers: [any Provider.Type]) {
        entries = []
        for provider in providers { entries.append(Self.entry(provider)) }
    }

    /// Every provider the CLI offers. Adding a provider is adding its folder and a line here.
    public static let standard = ProviderRegistry([
        IhuyiProvider.self,
        JPushProvider.self,
        ItniotechProvider.self,
        SendPulseProvider.self,
    ])

    /// This registry with `provider` added (or replacing one with the same id).
    public func registering(_ provider: any Provider.Type) -> ProviderRegistry {
        var copy = self
        let entry = Self.entry(provider)
        copy.entries.removeAll { $0.description.id == entry.description.id }
        copy.entries.append(entry)
        return copy
    }

    private static func entry(_ provider: any Provider.Type) -> Entry {
        func open<P: Provider>(_ type: P.Type) -> Entry { Entry(type) }
        return open(provider)
    }

    /// The registered ids, in registration order, as text for messages.
    public var ids: [String] { entries.map(\.description.id.rawValue) }

    /// The provider a user named, in any letter case: the one parse of a provider's name (`--provider`, a
    /// credentials file's section); an unknown name lists the registered ones.
    public func entry(_ name: String) throws(UnknownProviderError) -> Entry {
        guard let entry = self[ProviderID(name)] else { throw UnknownProviderError(id: name, known: ids) }
        return entry
    }

    /// The provider `id`, when it is registered.
    public subscript(id: ProviderID) -> Entry? {
        entries.first { $0.description.id == id }
    }

    /// The providers that can do `capability`, as text for messages.
    public func ids(with capability: ProviderCapability) -> [String] {
        entries.filter { $0.description.capabilities.contains(capability) }.map(\.description.id.rawValue)
    }
}

/// A provider id that is not registered.
public struct UnknownProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name as the user gave it.
    public var id: String
    /// The registered ids, listed in the message.
    public var known: [String]

    /// The unknown name and the providers mmskit knows.
    public var description: String {
        "unknown provider '\(id)'; mmskit knows \(known.joined(separator: ", "))"
    }
}

/// A provider asked to do something it cannot (a balance from a provider without one).
public struct UnsupportedCapabilityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The provider that was asked.
    public var provider: ProviderID
    /// What it was asked to do.
    public var capability: ProviderCapability
    /// The providers that can.
    public var providers: [String]
    /// What `provider` can do instead.
    public var offered: [ProviderCapability]

    /// An error saying `provider` cannot do `capability`, naming the `providers` that can and what it `offered`.
    public init(
        provider: ProviderID, capability: ProviderCapability, providers: [String], offered: [ProviderCapability] = []
    ) {
        self.provider = provider
        self.capability = capability
        self.providers = providers
        self.offered = offered
    }

    /// What the provider cannot do, which providers can, and what it can do instead.
    public var description: String {
        let instead = offered.isEmpty ? "" : "; \(provider) can do \(offered.map(\.rawValue).joined(separator: ", "))"
        return
            "\(provider) has no \(capability.rawValue) in mmskit (providers with \(capability.rawValue): \(providers.joined(separator: ", ")))\(instead)"
    }
}

extension UnsupportedCapabilityError: ClassifiedFailure {
    /// Asking a provider for what it cannot do is a failure of the setup (exit status 2).
    public var isContentError: Bool { false }
}
