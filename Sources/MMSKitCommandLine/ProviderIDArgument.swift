import ArgumentParser
import MMSKit

/// `--provider ihuyi` (any letter case) as a typed provider id.
extension ProviderID: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(argument)
    }
}
