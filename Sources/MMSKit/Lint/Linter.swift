import Foundation

/// Runs the enabled rules over files and media directories, files in parallel, with deterministic output.
public struct Linter: Sendable {
    /// Identifies and checks the media in the documents and directories linted.
    public var sniffer: MediaSniffer
    /// The profile, rule severities and excludes the linter applies.
    public let configuration: LintConfiguration
    /// Read every JSON file as this kind instead of detecting it from its shape.
    public var kind: DocumentKind?
    /// "Now" for send_time checks.
    public var now: Date

    /// A linter with the given media sniffer and configuration; `kind` forces how JSON files are read, `now` is the
    /// clock for send_time checks.
    public init(
        sniffer: MediaSniffer, configuration: LintConfiguration = LintConfiguration(), kind: DocumentKind? = nil,
        now: Date = Date()
    ) {
        self.sniffer = sniffer
        self.configuration = configuration
        self.kind = kind
        self.now = now
        rules = LintRules.all.filter { configuration.severity(of: $0.description) != nil }
    }

    /// The rules that run, with the severity each reports at.
    public var enabledRules: [(rule: any LintRule, severity: Diagnostic.Severity)] {
        LintRules.all.compactMap { rule in configuration.severity(of: rule.description).map { (rule, $0) } }
    }

    /// Just the enabled rules, worked out once per run rather than once per document.
    private let rules: [any LintRule]

    /// Lints every input, on all cores.
    /// - Throws: `FileSystemError` when a path does not exist or a file cannot be read (a tool failure).
    public func lint(paths: [String]) throws(FileSystemError) -> LintReport {
        let inputs = try LintInput.expand(paths, excluding: configuration.excludes)
        let results = inputs.parallelMap { input in
            Result { () throws(FileSystemError) in try lint(input) }
        }
        var files: [LintReport.File] = []
        var failures: [FileSystemError] = []
        for result in results {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): failures.append(error)
            }
        }
        if let failure = FileSystemError.combining(failures) { throw failure }
        return LintReport(
            files: files, rules: enabledRules.map { Self.describe($0.rule, $0.severity) }.sorted { $0.id < $1.id })
    }

    /// Lints one input.
    /// - Throws: `FileSystemError` when the input cannot be read, or is a media file rather than JSON.
    public func lint(_ input: LintInput) throws(FileSystemError) -> LintReport.File {
        switch input.kind {
        case .file:
            let data = try FileReader.read(input.path)
            try refuseMediaFile(data, path: input.path)
            let result = lint(data: data, file: input.path)
            return LintReport.File(path: input.path, kind: result.kind?.rawValue, diagnostics: result.diagnostics)
        case .directory:
            return LintReport.File(
                path: input.path, kind: DocumentKind.directory.rawValue, diagnostics: try lint(directory: input.path))
        }
    }

    /// A media file named directly is not a template: say what lint takes instead of reporting a JSON syntax
    /// error. A file is taken for media when it is not named `.json`, does not start like JSON, and its name
    /// or libmagic says image, audio or video.
    private func refuseMediaFile(_ data: Data, path: String) throws(FileSystemError) {
        guard !path.lowercased().hasSuffix(".json") else { return }
        let start = data.prefix(64).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }.first
        guard start != UInt8(ascii: "{"), start != UInt8(ascii: "[") else { return }
        let name = DirectoryEntry(name: (path as NSString).lastPathComponent, path: path)
        let mime = sniffer.mimeType(of: data.prefix(MediaSniffer.classificationWindow))
        let isMedia =
            name.fileExtension.map { LintInput.mediaExtensions.contains($0) && $0 != "txt" } == true
            || ["image/", "audio/", "video/"].contains { mime.hasPrefix($0) }
        guard isMedia else { return }
        throw FileSystemError(
            path: path, operation: "lint",
            reason: "it is a media file, not JSON; lint takes templates (.json) or media directories; "
                + "to check a single media file use `mmskit sniff \(path)`")
    }

    /// Lints JSON bytes: the kind they were read as and the diagnostics.
    public func lint(data: Data, file: String) -> LintResult {
        let root: JSONValue
        do {
            root = try JSONParser().parse(data)
        } catch {
            let diagnostics = finish([
                (
                    ruleID: .jsonSyntax,
                    finding: LintFinding("invalid JSON: \(error.reason)", at: error.position.location(in: file))
                )
            ])
            return LintResult(kind: nil, diagnostics: diagnostics)
        }
        let kind = self.kind ?? DocumentKind.detect(root)
        let document = ContentDocument(json: root, file: file, kind: kind, sniffer: sniffer)
        return LintResult(kind: document.kind, diagnostics: run(on: document))
    }

    /// Builds a media directory in memory and lints it.
    public func lint(directory: String) throws(FileSystemError) -> [Diagnostic] {
        let analysis: ContentAnalysis
        do {
            analysis = try ContentBuilder(sniffer: sniffer).build(directory: directory)
        } catch {
            switch error {
            case .invalid(let error):
                return finish(
                    error.diagnostics.map { diagnostic in
                        (
                            ruleID: diagnostic.ruleID ?? .directoryLayout,
                            finding: LintFinding(
                                diagnostic.message, at: diagnostic.location ?? Diagnostic.Location(file: directory),
                                path: diagnostic.path, severity: diagnostic.severity)
                        )
                    })
            case .unreadable(let error):
                throw error
            }
        }
        var document = ContentDocument(directory: directory, analysis: analysis)
        if let kind, kind != .content { document.kind = kind }
        let built = analysis.diagnostics.map { diagnostic in
            (
                ruleID: diagnostic.ruleID ?? .directoryLayout,
                finding: LintFinding(
                    diagnostic.message, at: diagnostic.location ?? Diagnostic.Location(file: directory),
                    path: diagnostic.path, severity: diagnostic.severity)
            )
        }
        return finish(built + findings(on: document))
    }

    /// Runs every enabled rule over a document.
    public func run(on document: ContentDocument) -> [Diagnostic] {
        finish(findings(on: document))
    }

    private func findings(on document: ContentDocument) -> [(ruleID: RuleID, finding: LintFinding)] {
        let context = LintContext(profile: configuration.profile, now: now)
        return rules.flatMap { rule in
            rule.check(document, context).map { (ruleID: rule.description.id, finding: $0) }
        }
    }

    /// Applies the configured severities (dropping disabled rules) and sorts them in the one diagnostic order.
    private func finish(_ findings: [(ruleID: RuleID, finding: LintFinding)]) -> [Diagnostic] {
        let diagnostics = findings.compactMap { ruleID, finding -> Diagnostic? in
            let severity: Diagnostic.Severity
            if let rule = LintRules.rule(id: ruleID) {
                guard let configured = configuration.severity(of: rule.description) else { return nil }
                severity = configuration.ruleSeverities[ruleID] != nil ? configured : (finding.severity ?? configured)
            } else {
                severity = finding.severity ?? .error
            }
            return Diagnostic(severity, finding.message, location: finding.location, path: finding.path, ruleID: ruleID)
        }
        return diagnostics.sorted()
    }

    static func describe(_ rule: any LintRule, _ severity: Diagnostic.Severity) -> LintRuleDescription {
        var description = rule.description
        description.defaultSeverity = severity
        return description
    }
}
