/// The outcome of linting one JSON document.
public struct LintResult: Sendable, Hashable {
    /// What the document was read as; `nil` when it is not JSON.
    public var kind: DocumentKind?
    /// Diagnostics in deterministic order.
    public var diagnostics: [Diagnostic]

    /// The result for a document read as `kind`.
    public init(kind: DocumentKind?, diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }
}

/// The outcome of linting a set of paths: every file with its diagnostics, and the rules that applied.
public struct LintReport: Sendable {
    /// One linted file or media directory.
    public struct File: Sendable, Hashable, Codable {
        /// The path as the user gave it or as found under a directory they gave (relative stays relative).
        public var path: String
        /// What the file was read as: `content`, `template`, `batch`, or `directory`; `nil` when unreadable.
        public var kind: String?
        /// Diagnostics in the one diagnostic order (file, line, column, rule id, message; see `Diagnostic.<`).
        public var diagnostics: [Diagnostic]

        /// The entry of the file at `path`, read as `kind`.
        public init(path: String, kind: String?, diagnostics: [Diagnostic]) {
            self.path = path
            self.kind = kind
            self.diagnostics = diagnostics
        }
    }

    /// Files in path order.
    public var files: [File]
    /// Every rule that was enabled for this run, in id order (report formats list them as metadata).
    public var rules: [LintRuleDescription]

    /// A report of `files`, linted with `rules`.
    public init(files: [File], rules: [LintRuleDescription]) {
        self.files = files
        self.rules = rules
    }

    /// All diagnostics of all files, in file order.
    public var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }

    /// How many diagnostics of `severity` the report holds, over all files.
    public func count(of severity: Diagnostic.Severity) -> Int {
        files.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == severity }.count }
    }
}
