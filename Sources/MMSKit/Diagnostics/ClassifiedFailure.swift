/// An error that knows whose fault it is: the user's input (exit status 1) or the tool, the network, a provider,
/// the setup (2). Libraries above MMSKit (every provider's error, through `ProviderFailure`) conform, so a command
/// line maps them to an exit status without knowing their types.
public protocol ClassifiedFailure: Error, CustomStringConvertible {
    /// Whether the user's input is at fault (exit status 1), not the tool or its environment (2).
    var isContentError: Bool { get }
}
