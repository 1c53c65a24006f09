/// A provider's resolved credentials: the values of its credential keys, from the credentials file, the
/// environment and the flags. Secrets stay `Secret`s; the description names the keys that are set, never a value.
public struct ProviderCredentials: Sendable, CustomStringConvertible, CustomReflectable {
    /// The provider whose credential keys these are.
    public let provider: ProviderDescription
    private let values: [String: String]

    /// The credentials of `provider`, by key name; empty values count as unset.
    public init(provider: ProviderDescription, values: [String: String]) {
        self.provider = provider
        self.values = values.filter { !$0.value.isEmpty }
    }

    /// A value that is not secret (an id, a key that identifies an account).
    public func value(_ key: String) -> String? { values[key] }

    /// A secret value, wrapped so that it cannot be printed by accident.
    public func secret(_ key: String) -> Secret? { values[key].map(Secret.init) }

    /// The values of `keys`, when all of them are set.
    public func all(_ keys: [String]) -> [String]? {
        let found = keys.compactMap { values[$0] }
        return found.count == keys.count ? found : nil
    }

    /// What the user must set to provide `keys`: the variables, or the file's keys.
    public func missingHint(_ keys: [String]) -> String {
        let named = keys.compactMap { provider.key(named: $0) }
        let variables = named.map { $0.environmentVariable(provider: provider.id) }.joined(separator: " and ")
        let fileKeys = named.map { "\(provider.id).\($0.name)" }.joined(separator: " and ")
        return "set \(variables) (or \(fileKeys) in ~/.config/mmskit/credentials.yml)"
    }

    /// The provider and the names of the keys that are set, never a value.
    public var description: String {
        let set = provider.credentialKeys.filter { values[$0.name] != nil }.map(\.name)
        return "\(provider.id) credentials (\(set.isEmpty ? "none" : set.joined(separator: ", ")))"
    }

    /// Only the provider's id: `dump` and the debugger show no value.
    public var customMirror: Mirror { Mirror(self, children: ["provider": provider.id], displayStyle: .struct) }
}
