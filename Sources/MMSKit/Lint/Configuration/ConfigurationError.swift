/// `.mmskit.yml` cannot be used: every problem with its line, for exit status 2.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// Every problem of the file, each located.
    public var diagnostics: [Diagnostic]

    /// An error carrying `diagnostics`.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic a line.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
