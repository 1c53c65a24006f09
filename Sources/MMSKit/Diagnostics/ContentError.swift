/// Content that cannot be used as it is: one or more error diagnostics (and any warnings found with them).
public struct ContentError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, at least one of them an error, in the one diagnostic order.
    public var diagnostics: [Diagnostic]

    /// An error carrying `diagnostics`.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic a line.
    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
