/// Turns a lint report into one output format. Reporters are pure: same report, same bytes.
public protocol LintReporter: Sendable {
    /// The `--format` name.
    static var identifier: String { get }
    func generateReport(_ report: LintReport) -> String
}
